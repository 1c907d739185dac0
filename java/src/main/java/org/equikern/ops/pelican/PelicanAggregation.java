package org.equikern.ops.pelican;

import java.util.Arrays;
import org.equikern.ops.jets.JetArrays;

/**
 * PELICAN's permutation-equivariant aggregation maps ({@link PelicanMap}) over a batch of padded
 * jets, every op of every channel, each multiplied by (n/N_avg)^α with a learnable α per (channel,
 * scaled op), as PELICAN's {@code Eq2to2}, {@code Eq2to1}, {@code Eq1to2} and {@code Eq2to0} do for
 * their capital-letter configs. Only the real particles (the first counts[b]) are read; outputs at
 * padded positions are 0, so padding changes nothing. A jet with no particles gives zeros.
 *
 * <p>Layouts, channel innermost: rank-2 {@code [batch][particles][particles][channels]}, rank-1
 * {@code [batch][particles][channels]}; the output appends the op index,
 * {@code [batch][particles]^outRank[channels][ops]}; α is {@code [channels][scaledOps]}. Outputs are
 * overwritten. Float32 overloads compute in double and round once. Instances are immutable; each
 * call allocates its own scratch, so calls may run concurrently.
 */
public final class PelicanAggregation {
    private final PelicanMap map;
    private final int channels;
    private final Aggregation aggregation;
    private final double averageCount;

    /**
     * @param map the map family
     * @param channels channels per particle pair (or particle), ≥ 1
     * @param aggregation how sums over particles are normalized
     * @param averageCount N_avg, PELICAN's {@code average_nobj} (49 for top tagging)
     * @throws IllegalArgumentException for channels &lt; 1 or a non-positive or non-finite averageCount
     */
    public PelicanAggregation(PelicanMap map, int channels, Aggregation aggregation, double averageCount) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (!(averageCount > 0) || Double.isInfinite(averageCount)) {
            throw new IllegalArgumentException("averageCount must be positive and finite, got " + averageCount);
        }
        this.map = map;
        this.channels = channels;
        this.aggregation = aggregation;
        this.averageCount = averageCount;
    }

    /**
     * The map family.
     *
     * @return the map
     */
    public PelicanMap map() {
        return map;
    }

    /**
     * Channels per particle pair (or particle).
     *
     * @return the channel count
     */
    public int channels() {
        return channels;
    }

    /**
     * How sums over particles are normalized.
     *
     * @return the aggregation
     */
    public Aggregation aggregation() {
        return aggregation;
    }

    /**
     * N_avg of the (n/N_avg)^α factor and of {@link Aggregation#SUM}.
     *
     * @return N_avg
     */
    public double averageCount() {
        return averageCount;
    }

    /**
     * Input length for a batch of jets padded to {@code particles}.
     *
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @return the number of input values
     * @throws IllegalArgumentException when it exceeds one Java array
     */
    public int inputLength(int batch, int particles) {
        return JetArrays.size("PELICAN input", batch, positions(map.inRank, particles), channels);
    }

    /**
     * Output length for a batch of jets padded to {@code particles}.
     *
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @return the number of output values
     * @throws IllegalArgumentException when it exceeds one Java array
     */
    public int outputLength(int batch, int particles) {
        return JetArrays.size("PELICAN output", batch, positions(map.outRank, particles), channels, map.opCount());
    }

    /**
     * Length of α: channels · scaled ops.
     *
     * @return the length
     */
    public int alphaLength() {
        return channels * map.scaledOpCount();
    }

    /**
     * Applies every op of the map to every channel of every jet.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param alpha {@code [channels][scaledOps]}, the exponents α
     * @param out receives {@code [batch][particles]^outRank[channels][ops]}, overwritten
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public void forward(double[] in, int[] counts, int batch, int particles, double[] alpha, double[] out) {
        String op = "PelicanAggregation.forward";
        checkCommon(op, in == null ? -1 : in.length, counts, batch, particles, JetArrays.len(alpha));
        JetArrays.requireLength(op, "out", JetArrays.len(out), outputLength(batch, particles));
        Arrays.fill(out, 0);
        JetChannel jet = new JetChannel(particles);
        double[] scale = new double[map.opCount()];
        for (int b = 0; b < batch; b++) {
            int n = counts[b];
            if (n == 0) continue;
            for (int c = 0; c < channels; c++) {
                load(jet, in, b, particles, c, n);
                scales(alpha, c, n, scale);
                for (int i = 0; i < outExtent(n, 0); i++) {
                    for (int j = 0; j < outExtent(n, 1); j++) {
                        int base = outBase(b, particles, i, j, c);
                        for (int o = 0; o < map.opCount(); o++) {
                            PelicanMap.Op term = map.ops.get(o);
                            if (term.place.covers(i, j)) out[base + o] = scale[o] * jet.read(term, i, j);
                        }
                    }
                }
            }
        }
    }

    /**
     * The gradients of {@code Σ out · gradOut} with respect to the input (padding gets 0) and to α
     * (summed over the batch): d/dα of (n/N_avg)^α·v is ln(n/N_avg)·(n/N_avg)^α·v.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param alpha {@code [channels][scaledOps]}, the exponents α
     * @param gradOut the gradient with respect to the output, the shape of {@code out}
     * @param gradIn receives the gradient with respect to {@code in}, overwritten
     * @param gradAlpha receives the gradient with respect to α, summed over the batch, overwritten
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public void backward(double[] in, int[] counts, int batch, int particles, double[] alpha, double[] gradOut,
            double[] gradIn, double[] gradAlpha) {
        String op = "PelicanAggregation.backward";
        checkCommon(op, in == null ? -1 : in.length, counts, batch, particles, JetArrays.len(alpha));
        int outLength = outputLength(batch, particles);
        JetArrays.requireLength(op, "gradOut", JetArrays.len(gradOut), outLength);
        JetArrays.requireLength(op, "gradIn", JetArrays.len(gradIn), in.length);
        JetArrays.requireLength(op, "gradAlpha", JetArrays.len(gradAlpha), alphaLength());
        Arrays.fill(gradIn, 0);
        Arrays.fill(gradAlpha, 0);
        JetChannel values = new JetChannel(particles);
        JetChannel adjoint = new JetChannel(particles);
        double[] scale = new double[map.opCount()];
        for (int b = 0; b < batch; b++) {
            int n = counts[b];
            if (n == 0) continue;
            double logRatio = Math.log(n / averageCount);
            for (int c = 0; c < channels; c++) {
                load(values, in, b, particles, c, n);
                adjoint.clear(n, divisor(n));
                scales(alpha, c, n, scale);
                for (int i = 0; i < outExtent(n, 0); i++) {
                    for (int j = 0; j < outExtent(n, 1); j++) {
                        int base = outBase(b, particles, i, j, c);
                        for (int o = 0; o < map.opCount(); o++) {
                            PelicanMap.Op term = map.ops.get(o);
                            if (!term.place.covers(i, j)) continue;
                            double g = gradOut[base + o] * scale[o];
                            adjoint.addAdjoint(term, i, j, g);
                            if (o >= map.firstScaledOp()) {
                                gradAlpha[alphaIndex(c, o)] += g * logRatio * values.read(term, i, j);
                            }
                        }
                    }
                }
                if (map.inRank == 2) {
                    adjoint.storeMatrixAdjoint(gradIn, inOffset(b, particles), particles, channels, c);
                } else {
                    adjoint.storeVectorAdjoint(gradIn, inOffset(b, particles), channels, c);
                }
            }
        }
    }

    /**
     * Float32 version of {@link #forward(double[], int[], int, int, double[], double[])}.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param alpha {@code [channels][scaledOps]}, the exponents α
     * @param out receives {@code [batch][particles]^outRank[channels][ops]}, overwritten
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public void forward(float[] in, int[] counts, int batch, int particles, float[] alpha, float[] out) {
        checkCommon("PelicanAggregation.forward", JetArrays.len(in), counts, batch, particles, JetArrays.len(alpha));
        JetArrays.requireLength("PelicanAggregation.forward", "out", JetArrays.len(out),
                outputLength(batch, particles));
        double[] wide = new double[out.length];
        forward(JetArrays.widen(in), counts, batch, particles, JetArrays.widen(alpha), wide);
        JetArrays.narrow(wide, out);
    }

    /**
     * Float32 version of {@link #backward(double[], int[], int, int, double[], double[], double[],
     * double[])}.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param alpha {@code [channels][scaledOps]}, the exponents α
     * @param gradOut the gradient with respect to the output, the shape of {@code out}
     * @param gradIn receives the gradient with respect to {@code in}, overwritten
     * @param gradAlpha receives the gradient with respect to α, summed over the batch, overwritten
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public void backward(float[] in, int[] counts, int batch, int particles, float[] alpha, float[] gradOut,
            float[] gradIn, float[] gradAlpha) {
        String op = "PelicanAggregation.backward";
        checkCommon(op, JetArrays.len(in), counts, batch, particles, JetArrays.len(alpha));
        JetArrays.requireLength(op, "gradIn", JetArrays.len(gradIn), in.length);
        JetArrays.requireLength(op, "gradAlpha", JetArrays.len(gradAlpha), alphaLength());
        double[] wideIn = new double[gradIn.length];
        double[] wideAlpha = new double[gradAlpha.length];
        backward(JetArrays.widen(in), counts, batch, particles, JetArrays.widen(alpha), JetArrays.widen(gradOut),
                wideIn, wideAlpha);
        JetArrays.narrow(wideIn, gradIn);
        JetArrays.narrow(wideAlpha, gradAlpha);
    }

    private void load(JetChannel jet, double[] in, int b, int particles, int c, int n) {
        if (map.inRank == 2) {
            jet.loadMatrix(in, inOffset(b, particles), particles, channels, c, n, divisor(n));
        } else {
            jet.loadVector(in, inOffset(b, particles), channels, c, n, divisor(n));
        }
    }

    private void scales(double[] alpha, int c, int n, double[] scale) {
        double ratio = n / averageCount;
        for (int o = 0; o < scale.length; o++) {
            scale[o] = o < map.firstScaledOp() ? 1 : Math.pow(ratio, alpha[alphaIndex(c, o)]);
        }
    }

    private int alphaIndex(int c, int o) {
        return c * map.scaledOpCount() + o - map.firstScaledOp();
    }

    private double divisor(int n) {
        return aggregation.divisor(n, averageCount);
    }

    /** The number of output indices i (axis 0) or j (axis 1) to visit for a jet of n particles. */
    private int outExtent(int n, int axis) {
        return map.outRank > axis ? n : 1;
    }

    private int inOffset(int b, int particles) {
        return b * positions(map.inRank, particles) * channels;
    }

    private int outBase(int b, int particles, int i, int j, int c) {
        int position;
        switch (map.outRank) {
            case 2: position = (b * particles + i) * particles + j; break;
            case 1: position = b * particles + i; break;
            default: position = b;
        }
        return (position * channels + c) * map.opCount();
    }

    private static int positions(int rank, int particles) {
        return rank == 2 ? JetArrays.size("particles squared", particles, particles) : rank == 1 ? particles : 1;
    }

    private void checkCommon(String op, int in, int[] counts, int batch, int particles, int alpha) {
        JetArrays.checkCounts(op, counts, batch, particles);
        JetArrays.requireLength(op, "in", in, inputLength(batch, particles));
        JetArrays.requireLength(op, "alpha", alpha, alphaLength());
    }

    @Override
    public String toString() {
        return "PelicanAggregation(" + map + ", " + channels + " channels, " + aggregation + ", N_avg "
                + averageCount + ")";
    }
}
