package org.equikern.nn;

import java.util.Arrays;
import org.equikern.concurrent.ScratchPool;
import org.equikern.gemm.ChannelMix;

/**
 * {@link Linear}'s float32 arithmetic on whole batches: each path is one {@link ChannelMix} GEMM
 * over all samples and components, with its weights packed once per call into rows scaled by the
 * path's normalization. Products are summed in float over the input channels; the weight and bias
 * gradients, sums over the batch, are accumulated in double and rounded once. Thread-safe; after
 * a thread's first call nothing is allocated.
 */
final class LinearFloat32 {
    private final LinearLayout layout;
    private final ScratchPool<Scratch> scratch;

    LinearFloat32(LinearLayout layout) {
        this.layout = layout;
        this.scratch = new ScratchPool<>(() -> new Scratch(layout));
    }

    /** {@code out = Linear(x)}; arguments already checked. */
    void forward(float[] x, float[] w, float[] bias, float[] out, int batch) {
        LinearLayout l = layout;
        Scratch s = scratch.acquire();
        try {
            s.pack(w, l, false);
            Arrays.fill(out, 0, batch * l.dimOut, 0f);
            for (int k = 0; k < l.inputBlock.length; k++) {
                s.mix.mix(x, l.inputOffset[k], l.dimIn, s.rows[k], l.mulIn[k], l.mulOut[k], out, l.outputOffset[k],
                        l.dimOut, batch, l.irrepDim[k]);
            }
            if (bias == null) return;
            for (int o = 0; o < l.blockOffset.length; o++) {
                int at = l.blockBiasOffset[o];
                if (at < 0) continue;
                for (int b = 0; b < batch; b++) {
                    int start = b * l.dimOut + l.blockOffset[o];
                    for (int j = 0; j < l.blockDim[o]; j++) out[start + j] += bias[at + j];
                }
            }
        } finally {
            scratch.release(s);
        }
    }

    /** Gradients of {@code Σ out · gradOut}; a null gradient is skipped; arguments already checked. */
    void backward(float[] x, float[] w, float[] gradOut, float[] gradX, float[] gradW, float[] gradBias, int batch) {
        LinearLayout l = layout;
        Scratch s = scratch.acquire();
        try {
            if (gradX != null) {
                s.pack(w, l, true);
                Arrays.fill(gradX, 0, batch * l.dimIn, 0f);
                for (int k = 0; k < l.inputBlock.length; k++) {
                    s.mix.mix(gradOut, l.outputOffset[k], l.dimOut, s.transposed[k], l.mulOut[k], l.mulIn[k], gradX,
                            l.inputOffset[k], l.dimIn, batch, l.irrepDim[k]);
                }
            }
            if (gradW != null) {
                Arrays.fill(s.gradW, 0.0);
                for (int k = 0; k < l.inputBlock.length; k++) {
                    s.mix.outer(x, l.inputOffset[k], l.dimIn, gradOut, l.outputOffset[k], l.dimOut, l.mulIn[k],
                            l.mulOut[k], batch, l.irrepDim[k], l.pathWeight[k], s.gradW, l.weightOffset[k]);
                }
                Widening.narrow(s.gradW, gradW, 0, l.weightNumel);
            }
            if (gradBias != null) {
                sumBiasGradients(gradOut, batch, s.gradBias);
                Widening.narrow(s.gradBias, gradBias, 0, l.biasNumel);
            }
        } finally {
            scratch.release(s);
        }
    }

    private void sumBiasGradients(float[] gradOut, int batch, double[] sums) {
        LinearLayout l = layout;
        Arrays.fill(sums, 0.0);
        for (int o = 0; o < l.blockOffset.length; o++) {
            int at = l.blockBiasOffset[o];
            if (at < 0) continue;
            for (int b = 0; b < batch; b++) {
                int start = b * l.dimOut + l.blockOffset[o];
                for (int j = 0; j < l.blockDim[o]; j++) sums[at + j] += gradOut[start + j];
            }
        }
    }

    /** Per-thread packed weights, the GEMM's scratch and the double gradient sums. */
    private static final class Scratch {
        final ChannelMix mix;
        /** Per path: {@code mulIn} rows of {@code mulOut} weights, scaled by the path weight. */
        final float[][][] rows;
        /** Per path: the transpose of {@link #rows}, for the input gradient. */
        final float[][][] transposed;
        final double[] gradW;
        final double[] gradBias;

        Scratch(LinearLayout l) {
            int paths = l.inputBlock.length;
            int widest = 1;
            rows = new float[paths][][];
            transposed = new float[paths][][];
            for (int k = 0; k < paths; k++) {
                rows[k] = new float[l.mulIn[k]][l.mulOut[k]];
                transposed[k] = new float[l.mulOut[k]][l.mulIn[k]];
                widest = Math.max(widest, Math.max(l.mulIn[k], l.mulOut[k]));
            }
            mix = new ChannelMix(widest, widest);
            gradW = new double[l.weightNumel];
            gradBias = new double[l.biasNumel];
        }

        /** Packs {@code w} into {@link #rows} (or {@link #transposed}), each value scaled by its path weight. */
        void pack(float[] w, LinearLayout l, boolean transpose) {
            for (int k = 0; k < rows.length; k++) {
                int mo = l.mulOut[k];
                double scale = l.pathWeight[k];
                for (int u = 0; u < l.mulIn[k]; u++) {
                    int row = l.weightOffset[k] + u * mo;
                    for (int v = 0; v < mo; v++) {
                        float value = (float) (scale * w[row + v]);
                        if (transpose) {
                            transposed[k][v][u] = value;
                        } else {
                            rows[k][u][v] = value;
                        }
                    }
                }
            }
        }
    }
}
