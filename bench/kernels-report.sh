#!/usr/bin/env bash
# Regenerates bench/results/KERNELS.md: nvcc --resource-usage on sm_90 (registers, stack, spills)
# for the generated tensor-product kernels of every benchmark workload and for the ahead-of-time
# kernels, f32 and f64, plus the traffic model, against the GPU-kernels issue's targets.
# Needs nvcc on the PATH (compile only, no GPU); about 1-3 minutes on 2 cores.
#
#   bench/kernels-report.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! command -v nvcc > /dev/null; then
    echo "kernels-report.sh: nvcc is not on the PATH; the figures need it" >&2
    exit 1
fi
# package, not install: the reactor resolves our modules without touching the shared ~/.m2.
mvn -B -q -o package -DskipTests -pl native-loader,java,bench
work=bench/target/kernels-report
rm -rf "$work"
java -cp bench/target/benchmarks.jar org.equikern.bench.KernelsReport "$root" "$work" bench/results/KERNELS.md
# Appended section: the tiled GEMM kernels (gemm-tiles-report.sh).
bench/gemm-tiles-report.sh >> bench/results/KERNELS.md
echo "wrote bench/results/KERNELS.md"
