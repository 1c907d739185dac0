#!/usr/bin/env bash
# GPU acceptance check: runs from the kit that bench/gpu-kit/build.sh builds (its own Java runtime,
# jars, test-data, e3nn script), on a machine with an NVIDIA driver, CUDA, PyTorch and e3nn 0.5.6,
# and no JDK or Maven. Four stages, each under its own time budget (80 + 140 + 110 + 100 s: 7.2 minutes at most):
#   1. validate   equikern.jar validate --device cuda --precision both test-data
#   2. contracts  the library's CUDA contract test classes (JUnit console launcher, library test-jar)
#   3. timings    TimingRunner: the benchmark workloads on cuda, f32 and f64, median of repeats
#   4. e3nn       bench_e3nn_gpu.py: e3nn 0.5.6 on torch.cuda, same workloads and batches
# Results: RESULTS_DIR/GPU.md (stages and a side-by-side table), timings.csv, one log per stage.
#
#   gpu-check.sh [RESULTS_DIR]        (default: results/ beside the kit)
#
# Without an NVIDIA GPU it says so and runs a dry run instead: validate on java (and opencl when
# present), the CUDA contract classes (reported skipped, with the reason), the runner on java at a
# tiny batch, and e3nn on the CPU if Python can import it; it exits 0 when all of that passes.
# Environment: VALIDATE_S, CONTRACTS_S, TIMINGS_S, E3NN_S (stage budgets in seconds), PYTHON.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# Inside the kit this script sits beside runtime/; in the repository, use the kit build.sh left.
if [ -x "$here/runtime/bin/java" ]; then kit=$here; else kit=$here/target/gpu-kit; fi
if [ ! -x "$kit/runtime/bin/java" ]; then
    echo "gpu-check: no kit at $kit (build it with bench/gpu-kit/build.sh)" >&2
    exit 2
fi
results=$(mkdir -p "${1:-$kit/results}" && cd "${1:-$kit/results}" && pwd)
java=$kit/runtime/bin/java
cli=$kit/lib/equikern.jar
python=${PYTHON:-python3}
export POCL_CACHE_DIR=${POCL_CACHE_DIR:-$results/pocl-cache}
export POCL_SIGFPE_HANDLER=0
mkdir -p "$POCL_CACHE_DIR"
started=$(date +%s)
failed=0
summary=()

# stage NAME BUDGET_S COMMAND...: runs COMMAND under its budget into NAME.log; records the outcome.
stage() {
    local name=$1 budget=$2 t0 rc status
    shift 2
    t0=$(date +%s)
    echo "== $name (budget ${budget}s)"
    timeout --kill-after=5 "$budget" "$@" >"$results/$name.log" 2>&1
    rc=$?
    case $rc in
        0) status=PASS ;;
        124 | 137) status="TIMEOUT after ${budget}s"; failed=1 ;;
        *) status="FAIL (exit $rc)"; failed=1 ;;
    esac
    tail -n 3 "$results/$name.log" | sed 's/^/   /'
    echo "   -> $status"
    summary+=("| $name | $status | $(($(date +%s) - t0)) s | ${budget} s | \`$name.log\` |")
}

# skip NAME REASON: records a stage that could not run here (not a failure in a dry run).
skip() {
    echo "== $1: skipped, $2"
    summary+=("| $1 | skipped: $2 | 0 s | - | - |")
}

if gpu=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null) && [ -n "$gpu" ]; then
    mode=gpu
    echo "GPU: $gpu"
else
    mode=dry-run
    gpu="none"
    echo "No NVIDIA GPU on this machine (nvidia-smi found none): dry run of what can be checked without one."
fi
"$java" -jar "$cli" devices >"$results/devices.log" 2>&1

# The contract classes load test-data/ from the class path (the kit folder holds it).
contracts_cp=$kit/lib/equikern.jar:$kit/lib/equikern-tests.jar:$kit
runner=("$java" -cp "$kit/lib/equikern.jar:$kit/lib/equikern-bench.jar" org.equikern.bench.TimingRunner)
# The CUDA classes live beside their operations (org.equikern.ops.*, org.equikern.device.cuda).
# CudaKernelBinariesTest stays out: it checks the build's class folder (kernels/cuda listed as
# files), which a jar is not; the jar's fatbins are what every other CUDA class loads.
junit=("$java" -jar "$kit/lib/junit-console.jar" execute --disable-banner --details=tree
    --class-path "$contracts_cp" --select-package org.equikern --include-classname '.*\.Cuda[A-Za-z]*Test'
    --exclude-classname '.*\.CudaKernelBinariesTest' --reports-dir "$results/junit")

if [ $mode = gpu ]; then
    backend=cuda precisions=f32,f64 scale=1 repeats=10 warmup=3
    stage validate "${VALIDATE_S:-80}" "$java" -jar "$cli" validate --device cuda --precision both "$kit/test-data"
    stage contracts "${CONTRACTS_S:-140}" "${junit[@]}" --fail-if-no-tests
    # The CUDA classes disable themselves when Equikern's probe finds no GPU: on a GPU that is a failure.
    if grep -q 'no CUDA GPU' "$results/contracts.log"; then
        summary+=("| contracts | FAIL: CUDA classes skipped ($(grep -m1 -o 'no CUDA GPU.*' "$results/contracts.log")) | - | - | - |")
        failed=1
    fi
else
    # The dry run's batches are a thousandth of the real ones: it checks that everything runs.
    backend=java precisions=f32,f64 scale=0.001 repeats=2 warmup=1
    devices=java
    grep -q '^opencl:0 ' "$results/devices.log" && devices=java,opencl
    stage validate "${VALIDATE_S:-80}" "$java" -jar "$cli" validate --device "$devices" --precision both "$kit/test-data"
    # The CUDA classes report themselves skipped with the reason; one Java contract class shows
    # that the launcher, the test-jar and the runtime really run contract assertions.
    stage contracts "${CONTRACTS_S:-140}" "${junit[@]}" --fail-if-no-tests \
        --include-classname '.*\.JavaSphericalHarmonicsOpTest'
fi

"${runner[@]}" --list --scale "$scale" >"$results/workloads.tsv"
stage timings "${TIMINGS_S:-110}" "${runner[@]}" --backend "$backend" --precisions "$precisions" --scale "$scale" \
    --warmup "$warmup" --repeats "$repeats" --budget-s 1 --out "$results/equikern.csv"

if "$python" -c 'import torch, e3nn' 2>/dev/null; then
    stage e3nn "${E3NN_S:-100}" "$python" "$kit/python/bench_e3nn_gpu.py" "$results/workloads.tsv" "$results/e3nn.csv" \
        --precisions "$precisions" --reps "$repeats" --warmup "$warmup"
elif [ $mode = gpu ]; then
    summary+=("| e3nn | FAIL: $python cannot import torch and e3nn | 0 s | - | - |")
    failed=1
else
    skip e3nn "$python cannot import torch and e3nn"
fi

# One CSV, then GPU.md: the machine, the stages, and the timings side by side.
cat "$results/equikern.csv" 2>/dev/null >"$results/timings.csv"
[ -f "$results/e3nn.csv" ] && tail -n +2 "$results/e3nn.csv" >>"$results/timings.csv"
{
    echo "# GPU acceptance check"
    echo
    echo "\`bench/gpu-check.sh\` ($mode) on $(date -u '+%Y-%m-%d %H:%M UTC'), $(($(date +%s) - started)) s in all."
    echo
    echo "- GPU: $gpu"
    echo "- Equikern devices:"
    sed 's/^/    - /' "$results/devices.log"
    echo "- Kit: $(cat "$kit/KIT" 2>/dev/null || echo unknown)"
    echo
    echo "| stage | outcome | time | budget | log |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${summary[@]}"
    echo
    grep -E '^[0-9]+ passed, [0-9]+ failed' "$results/validate.log" | sed 's/^/validate: /'
    grep -E '(containers|tests) (skipped|successful|failed)' "$results/contracts.log" | sed 's/^ *\[ */contracts: /; s/ *\]$//'
    echo
    "$python" "$kit/python/gpu_report.py" "$results/timings.csv" 2>&1 || echo "(no timing table: $python failed)"
} >"$results/GPU.md"
echo "Results: $results/GPU.md, $results/timings.csv"
exit $failed
