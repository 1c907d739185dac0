package org.equikern.bench;

/**
 * Where one timed call stands against the machine's measured limits (the roofline model): the
 * call cannot take less than its FLOPs at the FMA peak nor less than its bytes at the triad
 * bandwidth, whichever is longer; that longer one names the bound.
 */
final class Roofline {
    private final double seconds;
    private final double flops;
    private final double bytes;
    private final double peakGflops;
    private final double bandwidthGBs;

    /**
     * @param ms           measured time per call
     * @param flops        FLOP per call, NaN when the workload has no FLOP count
     * @param bytes        bytes per call of {@link WorkloadBytes}
     * @param peakGflops   measured FMA peak of the call's precision, NaN when not measured
     * @param bandwidthGBs measured triad bandwidth
     */
    Roofline(double ms, double flops, double bytes, double peakGflops, double bandwidthGBs) {
        if (!(ms > 0)) throw new IllegalArgumentException("ms must be > 0, got " + ms);
        this.seconds = ms / 1e3;
        this.flops = flops;
        this.bytes = bytes;
        this.peakGflops = peakGflops;
        this.bandwidthGBs = bandwidthGBs;
    }

    /** Achieved GFLOP/s; NaN without a FLOP count. */
    double gflops() {
        return flops / seconds / 1e9;
    }

    /** Achieved GB/s (10^9 bytes) of the bytes model. */
    double gbs() {
        return bytes / seconds / 1e9;
    }

    double percentOfPeak() {
        return 100 * gflops() / peakGflops;
    }

    double percentOfBandwidth() {
        return 100 * gbs() / bandwidthGBs;
    }

    /** {@code compute} or {@code memory}: which limit allows the longer time; {@code memory} without a compute limit. */
    String bound() {
        return computeSeconds() > bytes / bandwidthGBs / 1e9 ? "compute" : "memory";
    }

    /** The shortest time the limits allow ÷ the measured time, in percent: 100% is at the roofline. */
    double percentOfRoofline() {
        return 100 * Math.max(bytes / bandwidthGBs / 1e9, computeSeconds()) / seconds;
    }

    /** The FLOPs' time at the peak; 0 (no compute limit) without a FLOP count or a measured peak. */
    private double computeSeconds() {
        return Double.isNaN(flops) || Double.isNaN(peakGflops) ? 0 : flops / peakGflops / 1e9;
    }
}
