#!/usr/bin/env bash
# Regenerates bench/results/MACE-STEP.md and MACE-STEP.csv: bench/oracle/nequip-step.sh's training-step
# comparison (Equikern java device vs e3nn 0.5.6 + PyTorch, float64, same weights, same batch, memory)
# for two MACE models: test-data/models/mace-tiny.yaml and bench/oracle/mace-step.yaml (32 channels).
# The PyTorch side is bench/oracle/mace_reference.py, contracting with Equikern's coupling tensors.
# Environment as for nequip-step.sh (STEPS, WARMUP, ROUNDS, ORACLE).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CONFIGS="test-data/models/mace-tiny.yaml bench/oracle/mace-step.yaml" REPORT=bench/results/MACE-STEP \
    exec "$here/nequip-step.sh"
