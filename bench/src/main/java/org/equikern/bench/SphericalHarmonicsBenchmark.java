package org.equikern.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.equikern.device.DType;
import org.equikern.group.SphericalHarmonics;
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
 * The spherical-harmonics workloads of {@link Workload} on host arrays. There is no backend
 * parameter: the library evaluates harmonics in Java only (no device kernel exists yet).
 * {@link #writeOutput} is their bound: it only writes the same output array, in the same chunks on
 * the same fork-join pool as the evaluation, so the gap between the two is the evaluation's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SphericalHarmonicsBenchmark {
    @Param({"sh_lmax3", "sh_lmax6"})
    public String workload;

    @Param({"f32", "f64"})
    public String precision;

    @Param("1")
    public double scale;

    /** Vectors per parallel task, as {@code SphericalHarmonics} splits a batch. */
    private static final int CHUNK = 4096;

    /** One evaluation of the whole batch, bound in setup to the arrays of the chosen precision. */
    private Runnable evaluation;
    /** Writes every output element once, nothing else. */
    private Runnable write;

    @Setup(Level.Trial)
    public void setUp() {
        Workload w = Workload.of(workload);
        SphericalHarmonics harmonics = w.sphericalHarmonics();
        int n = w.batch(scale);
        double[] vectors = Precision.gaussian(5, 3L * n);
        int dim = harmonics.dim();
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (Precision.dtype(precision) == DType.FLOAT64) {
            double[] out = new double[n * dim];
            evaluation = () -> harmonics.compute(vectors, out, n);
            write = () -> IntStream.range(0, chunks).parallel()
                    .forEach(c -> Arrays.fill(out, c * CHUNK * dim, Math.min(n, (c + 1) * CHUNK) * dim, 1.0));
        } else {
            float[] vectorsFloat = Precision.toFloat(vectors);
            float[] out = new float[n * dim];
            evaluation = () -> harmonics.compute(vectorsFloat, out, n);
            write = () -> IntStream.range(0, chunks).parallel()
                    .forEach(c -> Arrays.fill(out, c * CHUNK * dim, Math.min(n, (c + 1) * CHUNK) * dim, 1f));
        }
    }

    @Benchmark
    public void forward() {
        evaluation.run();
    }

    @Benchmark
    public void writeOutput() {
        write.run();
    }
}
