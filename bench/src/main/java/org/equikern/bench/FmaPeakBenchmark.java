package org.equikern.bench;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * This machine's FP32 and FP64 compute peak, measured in the same sitting as the workloads:
 * {@link MachineLimits#ACCUMULATORS} independent vector FMA chains per task held in registers, on
 * every core in {@link MachineLimits#TASKS} tasks; {@link MachineLimits#FMA_FLOPS} FLOP per call
 * whatever the vector width.
 *
 * <p>The Vector API is used here only: C2's auto-vectorizer cannot keep an accumulator array in
 * registers across loop iterations, so a plain-Java loop would measure the L1 store port instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class FmaPeakBenchmark {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    @Param({"f32", "f64"})
    public String precision;

    @Benchmark
    public double fmaPeak() {
        boolean f64 = precision.equals("f64");
        return IntStream.range(0, MachineLimits.TASKS).parallel()
                .mapToDouble(t -> f64 ? fmaLoopDouble(t) : fmaLoopFloat(t)).sum();
    }

    /** Eight chains {@code x = x·m + k} (m just below 1, so values stay finite); the sum defeats dead-code removal. */
    private static double fmaLoopFloat(int seed) {
        int iterations = MachineLimits.fmaIterations(FLOATS.length());
        FloatVector m = FloatVector.broadcast(FLOATS, 0.999f);
        FloatVector k = FloatVector.broadcast(FLOATS, 0.001f);
        FloatVector x0 = FloatVector.broadcast(FLOATS, seed), x1 = x0.add(1f), x2 = x0.add(2f), x3 = x0.add(3f);
        FloatVector x4 = x0.add(4f), x5 = x0.add(5f), x6 = x0.add(6f), x7 = x0.add(7f);
        for (int i = 0; i < iterations; i++) {
            x0 = x0.fma(m, k);
            x1 = x1.fma(m, k);
            x2 = x2.fma(m, k);
            x3 = x3.fma(m, k);
            x4 = x4.fma(m, k);
            x5 = x5.fma(m, k);
            x6 = x6.fma(m, k);
            x7 = x7.fma(m, k);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).reduceLanes(VectorOperators.ADD);
    }

    /** {@link #fmaLoopFloat} in float64 (the Vector API has no shape-generic arithmetic to share one body). */
    private static double fmaLoopDouble(int seed) {
        int iterations = MachineLimits.fmaIterations(DOUBLES.length());
        DoubleVector m = DoubleVector.broadcast(DOUBLES, 0.999);
        DoubleVector k = DoubleVector.broadcast(DOUBLES, 0.001);
        DoubleVector x0 = DoubleVector.broadcast(DOUBLES, seed), x1 = x0.add(1), x2 = x0.add(2), x3 = x0.add(3);
        DoubleVector x4 = x0.add(4), x5 = x0.add(5), x6 = x0.add(6), x7 = x0.add(7);
        for (int i = 0; i < iterations; i++) {
            x0 = x0.fma(m, k);
            x1 = x1.fma(m, k);
            x2 = x2.fma(m, k);
            x3 = x3.fma(m, k);
            x4 = x4.fma(m, k);
            x5 = x5.fma(m, k);
            x6 = x6.fma(m, k);
            x7 = x7.fma(m, k);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).reduceLanes(VectorOperators.ADD);
    }
}
