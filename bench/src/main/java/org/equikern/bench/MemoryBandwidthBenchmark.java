package org.equikern.bench;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * This machine's memory bandwidth, measured in the same sitting as the workloads: a STREAM-like
 * triad {@code a = b + s·c} over float64 arrays far larger than the caches, on every core (the
 * common fork-join pool, as the workloads use it) in {@link MachineLimits#TASKS} equal tasks.
 * {@link MachineLimits#triadBytes} says what one call moves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class MemoryBandwidthBenchmark {
    /** Elements per array; 2^24 is 128 MiB each. Smaller only in smoke tests. */
    @Param("16777216")
    public int elements;

    private double[] a;
    private double[] b;
    private double[] c;

    @Setup(Level.Trial)
    public void setUp() {
        a = new double[elements];
        b = Precision.gaussian(1, elements);
        c = Precision.gaussian(2, elements);
    }

    @Benchmark
    public double[] triad() {
        double s = 3.0;
        int chunk = (elements + MachineLimits.TASKS - 1) / MachineLimits.TASKS;
        IntStream.range(0, MachineLimits.TASKS).parallel().forEach(t -> {
            int end = Math.min(elements, (t + 1) * chunk);
            for (int i = t * chunk; i < end; i++) a[i] = b[i] + s * c[i];
        });
        return a;
    }
}
