#!/usr/bin/env bash
# Measures the Spark job's throughput in local[1] and local[2] against calling the evaluation
# directly (SparkScalingBenchmark) and writes bench/results/SPARK.md. A few minutes on 2 cores.
#
#   bench/spark-scaling.sh [STRUCTURES] [REPEATS]     (defaults 256 and 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mkdir -p bench/results java/spark/target
export POCL_CACHE_DIR=${POCL_CACHE_DIR:-$root/java/spark/target/pocl-cache}
export POCL_SIGFPE_HANDLER=0

# Compile (no install: the reactor resolves our modules) and write the test class path, Spark included.
mvn -B -q -o -pl native-loader,java,java/spark test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/java/spark/target/bench.classpath"
classpath=java/spark/target/test-classes:java/spark/target/classes:$(cat java/spark/target/bench.classpath)
# The same JVM flags as the module's tests: Spark's --add-opens list (the pom's spark.jvmArgs).
jvm_args=$(sed -n 's:.*<spark.jvmArgs>\(.*\)</spark.jvmArgs>.*:\1:p' java/spark/pom.xml)

{
    echo "# Spark scaling (bench/spark-scaling.sh)"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
    echo "JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2), Spark 4.0.1 local mode; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "(a load above the core count means other builds shared the machine: compare the rows of one run, not runs)."
    echo
} > bench/results/SPARK.md.head
# shellcheck disable=SC2086
java $jvm_args -Dlog4j2.configurationFile=java/spark/src/test/resources/log4j2-test.properties \
    -cp "$classpath" org.equikern.spark.SparkScalingBenchmark bench/results/SPARK.md.body "${1:-256}" "${2:-3}"
cat bench/results/SPARK.md.head bench/results/SPARK.md.body > bench/results/SPARK.md
rm bench/results/SPARK.md.head bench/results/SPARK.md.body
echo "wrote bench/results/SPARK.md"
