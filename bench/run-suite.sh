#!/usr/bin/env bash
# Builds benchmarks.jar, runs the e3nn oracle several times on the same workloads (optional), then
# the JMH suite with short settings, including this machine's measured limits (FMA peak, triad
# bandwidth) for the roofline columns, all in one sitting, and writes bench/results/RESULTS.md
# (plus the raw JMH JSON and oracle output beside it). About 15 minutes on 2 cores with the defaults.
#
#   bench/run-suite.sh
#
# Environment:
#   BACKENDS    tensor-product backends, comma-separated (default java,opencl)
#   PRECISIONS  f32 and/or f64, comma-separated (default f32; e3nn is compared in f32 only)
#   ORACLE      1 runs e3nn 0.5.6 first (default), 0 skips it
#   ORACLE_RUN  the oracle's runner (default ../shared/oracle/run beside the checkout)
#   E3NN_RUNS   runs of each e3nn script (default 5): e3nn varies up to 3x between runs, so the report
#               takes the minimum and shows the spread
#   JMH_ARGS    JMH settings (default: 1 fork, 2 × 1 s warmup, 3 × 1 s measurement)
#   OPENBLAS_NUM_THREADS  OpenBLAS's threads in the JMH forks (default 1, so that GemmBenchmark's
#               native rows, and the native route where a fork runs without the Vector API, run one
#               single-threaded sgemm per fork-join worker; GemmRoute's auto takes the Vector API
#               tile where the forks resolve jdk.incubator.vector, as they do; e3nn keeps the
#               caller's environment)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
results=bench/results
mkdir -p "$results"
export POCL_CACHE_DIR=${POCL_CACHE_DIR:-$root/bench/target/pocl-cache}
mkdir -p "$POCL_CACHE_DIR"
# PoCL's SIGFPE handler replaces the JVM's and crashes forked benchmark JVMs; keep it out.
export POCL_SIGFPE_HANDLER=0
backends=${BACKENDS:-java,opencl}
precisions=${PRECISIONS:-f32}
jmh_args=${JMH_ARGS:--f 1 -wi 2 -w 1s -i 3 -r 1s}
oracle_run=${ORACLE_RUN:-$root/../shared/oracle/run}
e3nn_runs=${E3NN_RUNS:-5}

# package, not install: the reactor resolves our modules without touching the shared ~/.m2.
mvn -B -q -o package -DskipTests
jar=bench/target/benchmarks.jar

oracle_out=-
if [ "${ORACLE:-1}" = 1 ]; then
    oracle_out=$results/e3nn.txt
    : > "$oracle_out"
    for run in $(seq "$e3nn_runs"); do
        echo "# e3nn run $run of $e3nn_runs, $(uptime)" | tee -a "$oracle_out"
        # No workload arguments: bench_e3nn.py then runs every workload of the suite.
        "$oracle_run" "$(dirname "$oracle_run")/bench_e3nn.py" | tee -a "$oracle_out"
        # The fused convolution done the e3nn way (gather, tensor product, index_add).
        "$oracle_run" bench/oracle/e3nn_conv.py | tee -a "$oracle_out"
    done
fi

load_before=$(uptime)
# $jmh_args is word-split on purpose: it holds several options. The pattern takes the suite's classes
# (FmaPeakBenchmark in the PRECISIONS asked for, MemoryBandwidthBenchmark, the workloads), not the
# Lorentz benchmarks of the subpackage, which have a report of their own.
# shellcheck disable=SC2086
# libjsig: HotSpot's signal chaining, so handlers PoCL installs chain to the JVM's (forks inherit it).
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
LD_PRELOAD=$java_home/lib/libjsig.so OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} java -jar "$jar" -p backend="$backends" -p precision="$precisions" $jmh_args \
    -rf json -rff "$results/jmh.json" 'org\.equikern\.bench\.[A-Z]'

java -cp "$jar" org.equikern.bench.ResultsReport "$results/jmh.json" "$oracle_out" "$results/RESULTS.md" \
    "\`bench/run-suite.sh\` on $(date -u +%Y-%m-%d), backends $backends, precisions $precisions, JMH $jmh_args,\
 e3nn runs $e3nn_runs. Load before JMH: ${load_before#*load average: }; after: $(uptime | sed 's/.*load average: //')."
