#!/usr/bin/env bash
# Regenerates test-data/models/NAME.safetensors (Equikern's weights after 3 training epochs) and
# NAME.reference.safetensors (what e3nn computes with them) for NAME = nequip-tiny (l_max = 2) and
# nequip-l0 (l_max = 0), read by NequipReferenceTest.
# Run from the repository root after `mvn -B -q -o package -DskipTests` (needs java/target/equikern.jar
# and the e3nn oracle beside the project: ../shared/oracle/run, or ORACLE=/path/to/run).
set -euo pipefail
oracle=${ORACLE:-../shared/oracle/run}
models=test-data/models
for name in nequip-tiny nequip-l0; do
    run=target/$name-run            # output_dir of $name.yaml
    rm -rf "$run"
    java -jar java/target/equikern.jar train "$models/$name.yaml"
    cp "$run/last/model.safetensors" "$models/$name.safetensors"
    chmod 644 "$models/$name.safetensors"
    "$oracle" bench/oracle/nequip_reference.py "$models/$name.yaml" "$models/$name.safetensors" \
        "$models/$name.reference.safetensors"
done
