#!/usr/bin/env bash
# Regenerates test-data/models/NAME.safetensors (Equikern's weights after 3 training epochs) and
# NAME.reference.safetensors (what e3nn computes with them) for NAME = nequip-tiny (l_max = 2),
# nequip-l0 (l_max = 0) and mace-tiny, read by NequipReferenceTest and MaceReferenceTest; for MACE models
# first NAME.coupling.safetensors, Equikern's symmetric-contraction coupling tensors, which the e3nn
# model contracts with. Give model names as arguments to regenerate only those.
# Run from the repository root after `mvn -B -q -o package -DskipTests` (needs java/target/equikern.jar,
# bench/target/benchmarks.jar and the e3nn oracle beside the project: ../shared/oracle/run, or
# ORACLE=/path/to/run).
set -euo pipefail
oracle=${ORACLE:-../shared/oracle/run}
models=test-data/models
names=("$@")
[ $# -gt 0 ] || names=(nequip-tiny nequip-l0 mace-tiny)
for name in "${names[@]}"; do
    run=target/$name-run            # output_dir of $name.yaml
    rm -rf "$run"
    java -jar java/target/equikern.jar train "$models/$name.yaml"
    cp "$run/last/model.safetensors" "$models/$name.safetensors"
    chmod 644 "$models/$name.safetensors"
    family=${name%%-*}              # nequip or mace: bench/oracle/FAMILY_reference.py
    if [ "$family" = mace ]; then
        java -cp bench/target/benchmarks.jar org.equikern.bench.MaceCouplingExport "$run/last" \
            "$models/$name.coupling.safetensors"
        chmod 644 "$models/$name.coupling.safetensors"
    fi
    "$oracle" "bench/oracle/${family}_reference.py" "$models/$name.yaml" "$models/$name.safetensors" \
        "$models/$name.reference.safetensors"
done
