package org.equikern.bench;

import java.util.List;
import java.util.Map;

/**
 * The limits measured in the suite's sitting, read back from JMH's JSON: memory bandwidth from
 * {@link MemoryBandwidthBenchmark}'s triad and the FMA peak per precision from {@link FmaPeakBenchmark}. The work one benchmark call does is defined here,
 * once, for the benchmark and the report.
 */
final class MachineLimits {
    /** Equal tasks each limit benchmark splits into; many, so any core count shares them evenly. */
    static final int TASKS = 256;
    /** Independent vector accumulators of the FMA loop. */
    static final int ACCUMULATORS = 8;
    /** Lane-FMAs per task, 2^19: divisible by every vector width × {@link #ACCUMULATORS}. */
    static final long LANE_FMAS_PER_TASK = 1L << 19;
    /** FLOP per {@code fmaPeak} call: 2 per lane-FMA, whatever the vector width. */
    static final double FMA_FLOPS = 2.0 * TASKS * LANE_FMAS_PER_TASK;

    private static final String TRIAD = "org.equikern.bench.MemoryBandwidthBenchmark.triad";
    private static final String FMA = "org.equikern.bench.FmaPeakBenchmark.fmaPeak";

    /** Measured bandwidth, GB/s (10^9 bytes). */
    final double bandwidthGBs;
    private final double f32Gflops;
    private final double f64Gflops;

    MachineLimits(double bandwidthGBs, double f32Gflops, double f64Gflops) {
        this.bandwidthGBs = bandwidthGBs;
        this.f32Gflops = f32Gflops;
        this.f64Gflops = f64Gflops;
    }

    /** Iterations of the FMA loop for vectors of {@code lanes} lanes. */
    static int fmaIterations(int lanes) {
        return Math.toIntExact(LANE_FMAS_PER_TASK / ((long) lanes * ACCUMULATORS));
    }

    /**
     * Bytes one triad call moves by STREAM's count: read b and c, write a, 8 bytes each. The cache
     * line of {@code a} a plain store also reads (write-allocate) is not counted, as in STREAM.
     */
    static long triadBytes(long elements) {
        return Math.multiplyExact(3L * Double.BYTES, elements);
    }

    /** Measured FMA peak of {@code precision} ({@code f32}, {@code f64}), GFLOP/s; NaN when not measured. */
    double peakGflops(String precision) {
        return precision.equals("f64") ? f64Gflops : f32Gflops;
    }

    /** Whether {@code benchmark} (JMH's full name) is one of the limit benchmarks, not a workload. */
    static boolean isLimit(String benchmark) {
        return benchmark.equals(TRIAD) || benchmark.equals(FMA);
    }

    /**
     * The limits among JMH's {@code runs} (ms/op scores): null without a triad run; a precision the
     * FMA loop did not run in (the suite's {@code PRECISIONS}) has a NaN peak.
     */
    static MachineLimits from(List<?> runs) {
        double bandwidth = Double.NaN, f32 = Double.NaN, f64 = Double.NaN;
        for (Object o : runs) {
            Map<?, ?> run = (Map<?, ?>) o;
            String benchmark = JmhRun.benchmark(run);
            if (!isLimit(benchmark)) continue;
            double seconds = JmhRun.score(run) / 1e3;
            if (benchmark.equals(TRIAD)) {
                bandwidth = triadBytes(Long.parseLong(JmhRun.param(run, "elements"))) / seconds / 1e9;
            } else if ("f64".equals(JmhRun.param(run, "precision"))) {
                f64 = FMA_FLOPS / seconds / 1e9;
            } else {
                f32 = FMA_FLOPS / seconds / 1e9;
            }
        }
        return Double.isNaN(bandwidth) ? null : new MachineLimits(bandwidth, f32, f64);
    }
}
