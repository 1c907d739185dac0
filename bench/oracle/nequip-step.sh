#!/usr/bin/env bash
# Regenerates bench/results/NEQUIP-STEP.md and NEQUIP-STEP.csv: the time of one NequIP training step
# (forward, forces, exact loss gradient of every parameter, Adam step) on the java device and in
# e3nn 0.5.6 + PyTorch (float64, torch.autograd with create_graph=True), same weights, same batch
# (three Cu/Al cells, 432 edges), and the peak memory of both processes, in one sitting: ROUNDS rounds,
# each running Java, then PyTorch on every core, then PyTorch on one thread, for STEPS steps, for two
# models (test-data/models/nequip-tiny.yaml and NequIP's example size, bench/oracle/nequip-step.yaml).
#
#   bench/oracle/nequip-step.sh            (ORACLE=/path/to/oracle/run if not ../shared/oracle/run)
#
# Environment: STEPS (default 200, of which the first WARMUP=120 are warm-up: the JVM runs the Vector API
# kernels through slow interim tiers until C2 has compiled them; in one sitting the tiny model's steps fell
# from 15 to 4 ms only at steps 70-77, and the example model's ran at 140-230 ms over steps 30-48),
# ROUNDS (default 2);
# CONFIGS (the training configurations, default the two above) and REPORT (the output prefix, default
# bench/results/NEQUIP-STEP) let bench/oracle/mace-step.sh run the same for MACE models: the PyTorch side
# is bench/oracle/TYPE_reference.py for the model section's `type:`, and a MACE checkpoint gets its
# coupling tensors beside its weights (org.equikern.bench.MaceCouplingExport).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
oracle=${ORACLE:-$root/../shared/oracle/run}
steps=${STEPS:-200}
rounds=${ROUNDS:-2}
data=test-data/extxyz/cu_al_emt.extxyz     # the dataset_file_name of both configurations
logs=target/nequip-step-logs
rm -rf "$logs" && mkdir -p "$logs"
export POCL_CACHE_DIR=${POCL_CACHE_DIR:-$root/target/pocl-cache} POCL_SIGFPE_HANDLER=0

# package, not install: the reactor resolves our modules without touching the shared ~/.m2.
mvn -B -q -o package -DskipTests
uptime > "$logs/load-before.txt"
report=${REPORT:-bench/results/NEQUIP-STEP}
for config in ${CONFIGS:-test-data/models/nequip-tiny.yaml bench/oracle/nequip-step.yaml}; do
    name=$(basename "$config" .yaml)
    type=$(sed -n 's/^ *type: *\([a-z_]*\).*/\1/p' "$config")
    out=$(sed -n 's/^output_dir: *\([^ ]*\).*/\1/p' "$config")
    run=$(cd "$(dirname "$config")" && realpath -m "$out")
    rm -rf "$run"
    java -jar java/target/equikern.jar train "$config" > "$logs/$name-train.txt"
    if [ "$type" = mace ]; then
        java -cp bench/target/benchmarks.jar org.equikern.bench.MaceCouplingExport "$run/last" \
            "$run/last/model.coupling.safetensors"
    fi
    for round in $(seq 1 "$rounds"); do
        # The Vector API runs the radial MLP's products on register tiles (nn.RowMatrices).
        /usr/bin/time -v java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.equikern.bench.NequipStepTiming \
            "$run/last" "$data" "$steps" > "$logs/$name-equikern-$round.txt" 2>&1
        /usr/bin/time -v "$oracle" "bench/oracle/${type}_reference.py" "$config" "$run/last/model.safetensors" \
            --bench="$steps" > "$logs/$name-e3nn-$round.txt" 2>&1
        /usr/bin/time -v "$oracle" "bench/oracle/${type}_reference.py" "$config" "$run/last/model.safetensors" \
            --bench="$steps:1" > "$logs/$name-e3nn-1thread-$round.txt" 2>&1
    done
done
uptime > "$logs/load-after.txt"
python3 bench/oracle/nequip_step_report.py "$logs" "${WARMUP:-120}" "$report"
