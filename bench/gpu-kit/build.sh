#!/usr/bin/env bash
# Builds the GPU acceptance kit: everything bench/gpu-check.sh needs on a machine without a JDK or
# Maven, in at most 64 MiB. Output: bench/target/gpu-kit/ and bench/target/equikern-gpu-kit.tar.gz.
#
#   bench/gpu-kit/build.sh [--skip-maven] [--offline]
#
#   --skip-maven  reuse the jars of an earlier `mvn package`/`verify` (CI runs it after verify)
#   --offline     pass -o to Maven
#
# Kit layout:
#   gpu-check.sh            the one command to run on the GPU machine
#   runtime/                jlinked Java runtime of the JDK modules the jars use (jdeps)
#   lib/equikern.jar        the CLI jar, other platforms' natives and the unused NVPTX compiler removed
#   lib/equikern-bench.jar  TimingRunner and the JMH suite's workload classes (no JMH needed to run)
#   lib/equikern-tests.jar  the library's test-jar: the CUDA contract test classes
#   lib/junit-console.jar   JUnit Platform console launcher (standalone) that runs them
#   python/                 bench_e3nn_gpu.py, e3nn_conv.py, gpu_report.py
#   test-data/              the reference files (validate; contract classes read them too)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
skip_maven=0
mvn_flags=(-B -q)
for arg in "$@"; do
    case $arg in
        --skip-maven) skip_maven=1 ;;
        --offline) mvn_flags+=(-o) ;;
        *) echo "build.sh: unknown argument '$arg' (known: --skip-maven, --offline)" >&2; exit 2 ;;
    esac
done
limit_bytes=$((64 * 1024 * 1024))
kit=bench/target/gpu-kit
tarball=bench/target/equikern-gpu-kit.tar.gz
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
# JUnit Jupiter 5.x.y ships with JUnit Platform 1.x.y.
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
junit_platform=1.${junit#5.}

[ $skip_maven = 1 ] || mvn "${mvn_flags[@]}" package -DskipTests
cli_jar=java/target/equikern.jar
tests_jar=java/target/equikern-$version-tests.jar
bench_jar=bench/target/equikern-bench-$version.jar
console_jar=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_platform/junit-platform-console-standalone-$junit_platform.jar
if [ ! -f "$console_jar" ]; then
    # One small artifact from Maven Central into the local repository (no install of our own artifacts).
    mvn "${mvn_flags[@]}" dependency:get -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_platform"
fi
for f in "$cli_jar" "$tests_jar" "$bench_jar" "$console_jar"; do
    [ -f "$f" ] || { echo "build.sh: missing $f (run without --skip-maven)" >&2; exit 1; }
done

rm -rf "$kit" "$tarball"
mkdir -p "$kit/lib" "$kit/python"
cp "$cli_jar" "$kit/lib/equikern.jar"
# The GPU machine is linux-x86_64: drop JOCL's other platforms, and JCuda's NVPTX compiler binding
# (24 MB; Equikern loads prebuilt fatbins and never calls it).
zip -q -d "$kit/lib/equikern.jar" 'lib/*windows*' 'lib/*apple*' 'lib/*arm64*' 'lib/libJNvPTXCompiler*' >/dev/null
cp "$tests_jar" "$kit/lib/equikern-tests.jar"
cp "$bench_jar" "$kit/lib/equikern-bench.jar"
cp "$console_jar" "$kit/lib/junit-console.jar"
cp bench/gpu-check.sh "$kit/"
cp bench/gpu-kit/bench_e3nn_gpu.py bench/gpu-kit/gpu_report.py bench/oracle/e3nn_conv.py "$kit/python/"
cp -r test-data "$kit/test-data"

# The runtime: the modules jdeps finds, less java.desktop, which only Jackson's optional java.beans
# support asks for (Jackson checks for it at run time; it would add about 10 MB), plus jdk.zipfs,
# the "jar:" file system JUnit scans packages in jars with (a service, which jdeps cannot see).
jdk_bin=$(dirname "$(readlink -f "$(command -v jlink)")")
modules=$("$jdk_bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
    "$kit/lib/equikern.jar" "$kit/lib/equikern-bench.jar" "$kit/lib/equikern-tests.jar" "$kit/lib/junit-console.jar")
modules=$( (echo "$modules" | tr ',' '\n' | grep -vx java.desktop; echo jdk.zipfs) | paste -sd, -)
jdk_major=$("$jdk_bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
compress=zip-6
[ "$jdk_major" -ge 21 ] || compress=2
"$jdk_bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --compress="$compress" --output "$kit/runtime"

echo "Equikern $version ($(git rev-parse --short HEAD 2>/dev/null || echo no-git)), built $(date -u +%Y-%m-%d), Java $jdk_major runtime: $modules" >"$kit/KIT"
tar -C "$(dirname "$kit")" -czf "$tarball" "$(basename "$kit")"

kit_bytes=$(du -sb "$kit" | cut -f1)
tar_bytes=$(stat -c %s "$tarball")
echo "kit: $kit ($((kit_bytes / 1024 / 1024)) MiB), $tarball ($((tar_bytes / 1024 / 1024)) MiB); runtime modules: $modules"
if [ "$kit_bytes" -gt "$limit_bytes" ]; then
    echo "build.sh: the kit is $kit_bytes bytes, over the 64 MiB limit" >&2
    exit 1
fi
