#!/usr/bin/env bash
# Regenerates test-data/models/nequip-tiny.safetensors (Equikern's weights after 3 training epochs) and
# nequip-tiny.reference.safetensors (what e3nn computes with them), read by NequipReferenceTest.
# Run from the repository root after `mvn -B -q -o package -DskipTests` (needs java/target/equikern.jar
# and the e3nn oracle beside the project: ../shared/oracle/run, or ORACLE=/path/to/run).
set -euo pipefail
oracle=${ORACLE:-../shared/oracle/run}
models=test-data/models
run=target/nequip-tiny-run            # output_dir of nequip-tiny.yaml
rm -rf "$run"
java -jar java/target/equikern.jar train "$models/nequip-tiny.yaml"
cp "$run/last/model.safetensors" "$models/nequip-tiny.safetensors"
chmod 644 "$models/nequip-tiny.safetensors"
"$oracle" bench/oracle/nequip_reference.py "$models/nequip-tiny.yaml" "$models/nequip-tiny.safetensors" \
    "$models/nequip-tiny.reference.safetensors"
