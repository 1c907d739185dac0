#!/usr/bin/env bash
# Builds benchmarks.jar, runs the JMH suite with short settings, optionally the e3nn oracle on the
# same workloads in the same sitting, and writes bench/results/RESULTS.md (plus the raw JMH JSON
# and oracle output beside it). About 5 minutes on 2 cores with the defaults.
#
#   bench/run-suite.sh
#
# Environment:
#   BACKENDS    tensor-product backends, comma-separated (default java,opencl)
#   PRECISIONS  f32 and/or f64, comma-separated (default f32; e3nn is compared in f32 only)
#   ORACLE      1 runs e3nn 0.5.6 first (default), 0 skips it
#   ORACLE_RUN  the oracle's runner (default ../shared/oracle/run beside the checkout)
#   JMH_ARGS    JMH settings (default: 1 fork, 2 × 1 s warmup, 3 × 1 s measurement)
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

# package, not install: the reactor resolves our modules without touching the shared ~/.m2.
mvn -B -q -o package -DskipTests
jar=bench/target/benchmarks.jar

oracle_out=-
if [ "${ORACLE:-1}" = 1 ]; then
    oracle_out=$results/e3nn.txt
    # No workload arguments: bench_e3nn.py then runs every workload of the suite.
    "$oracle_run" "$(dirname "$oracle_run")/bench_e3nn.py" | tee "$oracle_out"
    # The fused convolution done the e3nn way (gather, tensor product, index_add).
    "$oracle_run" bench/oracle/e3nn_conv.py | tee -a "$oracle_out"
fi

# $jmh_args is word-split on purpose: it holds several options.
# shellcheck disable=SC2086
# libjsig: HotSpot's signal chaining, so handlers PoCL installs chain to the JVM's (forks inherit it).
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
LD_PRELOAD=$java_home/lib/libjsig.so java -jar "$jar" -p backend="$backends" -p precision="$precisions" $jmh_args \
    -rf json -rff "$results/jmh.json" 'org\.equikern\.bench\.'

java -cp "$jar" org.equikern.bench.ResultsReport "$results/jmh.json" "$oracle_out" "$results/RESULTS.md" \
    "\`bench/run-suite.sh\` on $(date -u +%Y-%m-%d), backends $backends, precisions $precisions, JMH $jmh_args."
