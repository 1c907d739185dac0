package org.equikern.bench.lorentz;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.equikern.ops.pelican.Aggregation;
import org.equikern.ops.pelican.PelicanAggregation;
import org.equikern.ops.pelican.PelicanMap;
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
 * PELICAN's 2→2 aggregation (15 ops, masked mean, (n/N_avg)^α) on one channel of
 * {@code batch · scale} jets of {@code particles} particles, a tenth of them padding (java host
 * arithmetic). The output holds 15 values per particle pair: at 128 particles and batch 1,000 that
 * is 2 GB in float64, hence the heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class PelicanAggregationBenchmark {
    @Param({"32", "64", "128"})
    public int particles;

    @Param({"f32", "f64"})
    public String precision;

    @Param("1000")
    public int batch;

    @Param("1")
    public double scale;

    private Runnable evaluation;

    @Setup(Level.Trial)
    public void setUp() {
        PelicanAggregation aggregation = new PelicanAggregation(PelicanMap.TWO_TO_TWO, 1, Aggregation.MEAN, 49);
        int jets = Math.max(1, (int) Math.round(batch * scale));
        Random random = new Random(11);
        int[] counts = new int[jets];
        for (int b = 0; b < jets; b++) counts[b] = particles - random.nextInt(Math.max(1, particles / 10));
        double[] in = new double[aggregation.inputLength(jets, particles)];
        for (int i = 0; i < in.length; i++) in[i] = random.nextGaussian();
        double[] alpha = new double[aggregation.alphaLength()];
        for (int i = 0; i < alpha.length; i++) alpha[i] = random.nextDouble();
        if ("f64".equals(precision)) {
            double[] out = new double[aggregation.outputLength(jets, particles)];
            evaluation = () -> aggregation.forward(in, counts, jets, particles, alpha, out);
        } else {
            float[] in32 = toFloat(in);
            float[] alpha32 = toFloat(alpha);
            float[] out = new float[aggregation.outputLength(jets, particles)];
            evaluation = () -> aggregation.forward(in32, counts, jets, particles, alpha32, out);
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    @Benchmark
    public void forward() {
        evaluation.run();
    }
}
