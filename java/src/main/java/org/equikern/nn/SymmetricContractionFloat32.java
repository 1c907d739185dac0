package org.equikern.nn;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.equikern.concurrent.ScratchPool;

/**
 * {@link SymmetricContraction}'s float32 forward and backward passes: the monomial sums of
 * {@link SymmetricContractionArithmetic} in float on float rows (twice the lanes per vector of the
 * double path, and no widening copies), split across the fork-join pool by groups of
 * {@link #GROUP} channels. Channels never mix, so a group's outputs, input gradients and
 * weight-gradient columns are its own: no sum crosses groups and the results do not depend on the
 * number of threads. The forward pass also splits the batch into blocks of {@link #BLOCK} samples.
 * The weight gradient is summed in float over at most {@link #BLOCK} samples, then added into
 * double, and rounded once. Thread-safe; after a thread's first call nothing is allocated but the
 * fork-join tasks of a call with several work items.
 */
final class SymmetricContractionFloat32 {
    /** Channels per work item: four AVX-512 float vectors. */
    static final int GROUP = 64;
    /** Samples per forward work item, and samples summed in float before the weight gradient's flush. */
    static final int BLOCK = 64;

    private final SymmetricContractionLayout layout;
    private final float[][] coefficients;
    private final int groups;
    private final ScratchPool<Scratch> scratch;
    private final ScratchPool<double[]> weightSums;

    SymmetricContractionFloat32(SymmetricContractionLayout layout) {
        this.layout = layout;
        coefficients = new float[layout.tables.length][];
        for (int n = 0; n < layout.tables.length; n++) {
            double[] c = layout.tables[n].coefficient;
            coefficients[n] = new float[c.length];
            for (int e = 0; e < c.length; e++) coefficients[n][e] = (float) c[e];
        }
        groups = (layout.mul + GROUP - 1) / GROUP;
        scratch = new ScratchPool<>(() -> new Scratch(layout));
        weightSums = new ScratchPool<>(() -> new double[layout.weightNumel]);
    }

    /** {@code out = SymmetricContraction(x)}; arguments already checked. */
    void forward(float[] x, int[] elements, float[] w, float[] out, int batch) {
        int tasks = Math.multiplyExact(groups, (batch + BLOCK - 1) / BLOCK);
        // One work item runs here, without the stream and the capturing lambda, which allocate.
        if (tasks == 1) {
            forwardTask(x, elements, w, out, batch, 0);
        } else if (tasks > 1) {
            IntStream.range(0, tasks).parallel().forEach(task -> forwardTask(x, elements, w, out, batch, task));
        }
    }

    /** Work item {@code task}: one group of channels over one block of samples. */
    private void forwardTask(float[] x, int[] elements, float[] w, float[] out, int batch, int task) {
        int from = (task % groups) * GROUP, span = span(from);
        int first = (task / groups) * BLOCK, end = Math.min(batch, first + BLOCK);
        Scratch s = scratch.acquire();
        try {
            for (int b = first; b < end; b++) {
                layout.input.gather(x, b * layout.input.sampleDim, s.x, from, span);
                forwardRows(s.x, w, elementOffset(elements[b]) + from, span, s.y);
                layout.output.scatter(s.y, out, b * layout.output.sampleDim, from, span);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Gradients given {@code gradOut}: {@code gradX} and {@code gradW} overwritten, either may be null;
     * arguments already checked.
     */
    void backward(float[] x, int[] elements, float[] w, float[] gradOut, float[] gradX, float[] gradW, int batch) {
        double[] sums = gradW == null ? null : weightSums.acquire();
        try {
            if (sums != null) Arrays.fill(sums, 0.0);
            if (groups == 1) {
                backwardGroup(x, elements, w, gradOut, gradX, sums, batch, 0);
            } else {
                IntStream.range(0, groups).parallel()
                        .forEach(group -> backwardGroup(x, elements, w, gradOut, gradX, sums, batch, group * GROUP));
            }
            if (sums != null) {
                for (int q = 0; q < gradW.length; q++) gradW[q] = (float) sums[q];
            }
        } finally {
            if (sums != null) weightSums.release(sums);
        }
    }

    /** The backward pass of channels {@code from..} over the whole batch. */
    private void backwardGroup(float[] x, int[] elements, float[] w, float[] gradOut, float[] gradX, double[] sums,
                               int batch, int from) {
        int span = span(from);
        Scratch s = scratch.acquire();
        try {
            float[] gx = gradX == null ? null : s.gradX;
            float[] partial = sums == null ? null : s.weightPartial();
            for (int b = 0; b < batch; b++) {
                int at = elementOffset(elements[b]) + from;
                layout.input.gather(x, b * layout.input.sampleDim, s.x, from, span);
                layout.output.gather(gradOut, b * layout.output.sampleDim, s.y, from, span);
                backwardRows(s.x, w, at, s.y, gx, partial, span);
                if (gx != null) layout.input.scatter(gx, gradX, b * layout.input.sampleDim, from, span);
                if (partial != null && ((b + 1) % BLOCK == 0 || b == batch - 1)) flush(partial, sums, from, span);
            }
        } finally {
            scratch.release(s);
        }
    }

    /** Adds the group's columns of the float partial into the double sums and clears them. */
    private void flush(float[] partial, double[] sums, int from, int span) {
        for (int row = from; row < layout.weightNumel; row += layout.mul) {
            for (int u = row; u < row + span; u++) {
                sums[u] += partial[u];
                partial[u] = 0f;
            }
        }
    }

    /**
     * Overwrites rows {@code y} with the contraction of rows {@code x} ({@code span} channels each),
     * the weights of those channels starting at {@code w[wAt]}, paths {@code mul} apart.
     */
    private void forwardRows(float[] x, float[] w, int wAt, int span, float[] y) {
        Arrays.fill(y, 0, layout.output.channelDim * span, 0f);
        int mul = layout.mul;
        for (int n = 0; n < layout.tables.length; n++) {
            ContractionTable t = layout.tables[n];
            float[] coefficient = coefficients[n];
            int order = t.order;
            for (int e = 0; e < t.size; e++) {
                float c = coefficient[e];
                int wp = wAt + t.path[e] * mul;
                int yo = t.output[e] * span;
                int i = t.index[e * order] * span;
                if (order == 1) {
                    for (int u = 0; u < span; u++) y[yo + u] += c * w[wp + u] * x[i + u];
                } else if (order == 2) {
                    int j = t.index[e * order + 1] * span;
                    for (int u = 0; u < span; u++) y[yo + u] += c * w[wp + u] * x[i + u] * x[j + u];
                } else {
                    int j = t.index[e * order + 1] * span;
                    int k = t.index[e * order + 2] * span;
                    for (int u = 0; u < span; u++) y[yo + u] += c * w[wp + u] * x[i + u] * x[j + u] * x[k + u];
                }
            }
        }
    }

    /**
     * One sample's backward pass on rows: overwrites {@code gx} (skipped when null) and adds the
     * weight gradient into {@code gw} at the same indices as the weights (skipped when null).
     */
    private void backwardRows(float[] x, float[] w, int wAt, float[] g, float[] gx, float[] gw, int span) {
        if (gx != null) Arrays.fill(gx, 0, layout.input.channelDim * span, 0f);
        int mul = layout.mul;
        for (int n = 0; n < layout.tables.length; n++) {
            ContractionTable t = layout.tables[n];
            float[] coefficient = coefficients[n];
            int order = t.order;
            for (int e = 0; e < t.size; e++) {
                float c = coefficient[e];
                int wp = wAt + t.path[e] * mul;
                int go = t.output[e] * span;
                int i = t.index[e * order] * span;
                if (order == 1) {
                    for (int u = 0; u < span; u++) {
                        float cg = c * g[go + u];
                        if (gw != null) gw[wp + u] += cg * x[i + u];
                        if (gx != null) gx[i + u] += cg * w[wp + u];
                    }
                } else if (order == 2) {
                    int j = t.index[e * order + 1] * span;
                    for (int u = 0; u < span; u++) {
                        float cg = c * g[go + u];
                        if (gw != null) gw[wp + u] += cg * x[i + u] * x[j + u];
                        if (gx != null) {
                            float cw = cg * w[wp + u];
                            gx[i + u] += cw * x[j + u];
                            gx[j + u] += cw * x[i + u];
                        }
                    }
                } else {
                    int j = t.index[e * order + 1] * span;
                    int k = t.index[e * order + 2] * span;
                    for (int u = 0; u < span; u++) {
                        float cg = c * g[go + u];
                        float xi = x[i + u], xj = x[j + u], xk = x[k + u];
                        if (gw != null) gw[wp + u] += cg * xi * xj * xk;
                        if (gx != null) {
                            float cw = cg * w[wp + u];
                            gx[i + u] += cw * xj * xk;
                            gx[j + u] += cw * xi * xk;
                            gx[k + u] += cw * xi * xj;
                        }
                    }
                }
            }
        }
    }

    /** Channels of the group starting at {@code from}. */
    private int span(int from) {
        return Math.min(GROUP, layout.mul - from);
    }

    private int elementOffset(int element) {
        return element * layout.pathCount * layout.mul;
    }

    /** Per-thread float rows of one group; the weight partial is made on a thread's first backward pass. */
    private static final class Scratch {
        final float[] x;
        final float[] y;
        final float[] gradX;
        private final int weightNumel;
        private float[] weightPartial;

        Scratch(SymmetricContractionLayout layout) {
            int span = Math.min(GROUP, layout.mul);
            x = new float[layout.input.channelDim * span];
            y = new float[layout.output.channelDim * span];
            gradX = new float[x.length];
            weightNumel = layout.weightNumel;
        }

        /** The float weight-gradient partial, zero whenever a group starts (every flush clears its columns). */
        float[] weightPartial() {
            if (weightPartial == null) weightPartial = new float[weightNumel];
            return weightPartial;
        }
    }
}
