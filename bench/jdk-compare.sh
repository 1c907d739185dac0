#!/usr/bin/env bash
# Runs the same JMH subset on two JDKs (default 17 and 25) in alternating rounds (17, 25, 17, 25, …)
# so that load drifts hit both alike, then writes bench/results/JDK.md: per benchmark each JDK's
# fastest and slowest round and the ratio of the fastest rounds. The jar is built once, at Java 17
# bytecode, and runs unchanged on both.
#
#   bench/jdk-compare.sh
#
# Environment:
#   JDK_A, JDK_B  the two JDK homes (default /usr/lib/jvm/java-17-openjdk-amd64 and
#                 /usr/lib/jvm/temurin-25-jdk-amd64)
#   ROUNDS        rounds per JDK (default 3)
#   SUBSET        JMH include pattern (default: the Java tensor products, harmonics and GEMM kernels)
#   JMH_ARGS      JMH settings (default: 1 fork, 2 × 1 s warmup, 3 × 1 s measurement)
#   JMH_PARAMS    parameter options (default: the java backend in f32)
#   OPENBLAS_NUM_THREADS  OpenBLAS's threads (default 1, as bench/run-suite.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jdk_a=${JDK_A:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk_b=${JDK_B:-/usr/lib/jvm/temurin-25-jdk-amd64}
rounds=${ROUNDS:-3}
subset=${SUBSET:-'org\.equikern\.bench\.(TensorProduct|SphericalHarmonics|Gemm)Benchmark'}
jmh_args=${JMH_ARGS:--f 1 -wi 2 -w 1s -i 3 -r 1s}
jmh_params=${JMH_PARAMS:--p backend=java -p precision=f32}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export POCL_CACHE_DIR=${POCL_CACHE_DIR:-$root/bench/target/pocl-cache} POCL_SIGFPE_HANDLER=0
mkdir -p "$POCL_CACHE_DIR"
version() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p'; }
va=$(version "$jdk_a")
vb=$(version "$jdk_b")
out=bench/results/jdk
mkdir -p "$out"
rm -f "$out"/jdk*-round*.json

# package, not install: the reactor resolves our modules without touching the shared ~/.m2.
mvn -B -q -o package -DskipTests
jar=bench/target/benchmarks.jar
load_before=$(uptime | sed 's/.*load average: //')
for round in $(seq "$rounds"); do
    for home in "$jdk_a" "$jdk_b"; do
        v=$(version "$home")
        echo "== round $round, JDK $v, load $(uptime | sed 's/.*load average: //')"
        # $jmh_args and $jmh_params are word-split on purpose: they hold several options.
        # shellcheck disable=SC2086
        LD_PRELOAD=$home/lib/libjsig.so "$home/bin/java" -jar "$jar" $jmh_params $jmh_args \
            -rf json -rff "$out/jdk$v-round$round.json" "$subset"
    done
done
"$jdk_a/bin/java" -cp "$jar" org.equikern.bench.JdkComparison "$out" "$va" "$vb" bench/results/JDK.md \
    "\`bench/jdk-compare.sh\` on $(date -u +%Y-%m-%d), $rounds rounds each, subset \`$subset\`, $jmh_params,\
 JMH $jmh_args. Load before: $load_before; after: $(uptime | sed 's/.*load average: //')."
