package org.equikern.nn;

import java.util.Arrays;

/**
 * The arithmetic of {@link Linear} for one sample, in double precision, on arrays addressed by
 * offsets: the widened float32 route runs it, each sample widened into scratch buffers first (double
 * batches run {@link LinearBatch}).
 */
final class LinearArithmetic {
    private final LinearLayout layout;

    LinearArithmetic(LinearLayout layout) {
        this.layout = layout;
    }

    /** Writes one output row: weighted sums, the output-block scale, then the biases. */
    void forward(double[] x, int xAt, double[] w, double[] bias, double[] out, int outAt) {
        LinearLayout l = layout;
        Arrays.fill(out, outAt, outAt + l.dimOut, 0.0);
        for (int k = 0; k < l.inputBlock.length; k++) {
            int d = l.irrepDim[k];
            int mo = l.mulOut[k];
            int xBase = xAt + l.inputOffset[k];
            int outBase = outAt + l.outputOffset[k];
            for (int u = 0; u < l.mulIn[k]; u++) {
                int row = l.weightOffset[k] + u * mo;
                int xu = xBase + u * d;
                for (int v = 0; v < mo; v++) {
                    double c = w[row + v];
                    int ov = outBase + v * d;
                    for (int i = 0; i < d; i++) {
                        out[ov + i] += c * x[xu + i];
                    }
                }
            }
        }
        for (int o = 0; o < l.blockOffset.length; o++) {
            int start = outAt + l.blockOffset[o];
            double s = l.blockScale[o];
            for (int j = 0; j < l.blockDim[o]; j++) {
                out[start + j] *= s;
            }
            int b = l.blockBiasOffset[o];
            if (b >= 0) {
                for (int j = 0; j < l.blockDim[o]; j++) {
                    out[start + j] += bias[b + j];
                }
            }
        }
    }

    /**
     * Back-propagates one sample's {@code gradOut}: overwrites the {@code gradX} row and adds this
     * sample's contributions to {@code gradW} and {@code gradBias}. A null gradient is skipped.
     */
    void backward(double[] x, int xAt, double[] w, double[] gradOut, int gAt,
                  double[] gradX, int gxAt, double[] gradW, double[] gradBias) {
        LinearLayout l = layout;
        if (gradX != null) {
            Arrays.fill(gradX, gxAt, gxAt + l.dimIn, 0.0);
        }
        for (int k = 0; k < l.inputBlock.length; k++) {
            int d = l.irrepDim[k];
            int mo = l.mulOut[k];
            double s = l.pathWeight[k];
            int xBase = xAt + l.inputOffset[k];
            int gBase = gAt + l.outputOffset[k];
            for (int u = 0; u < l.mulIn[k]; u++) {
                int row = l.weightOffset[k] + u * mo;
                int xu = xBase + u * d;
                int gxu = gxAt + l.inputOffset[k] + u * d;
                for (int v = 0; v < mo; v++) {
                    int gv = gBase + v * d;
                    if (gradX != null) {
                        double c = s * w[row + v];
                        for (int i = 0; i < d; i++) {
                            gradX[gxu + i] += c * gradOut[gv + i];
                        }
                    }
                    if (gradW != null) {
                        double dot = 0;
                        for (int i = 0; i < d; i++) {
                            dot += x[xu + i] * gradOut[gv + i];
                        }
                        gradW[row + v] += s * dot;
                    }
                }
            }
        }
        if (gradBias != null) {
            for (int o = 0; o < l.blockOffset.length; o++) {
                int b = l.blockBiasOffset[o];
                if (b >= 0) {
                    int start = gAt + l.blockOffset[o];
                    for (int j = 0; j < l.blockDim[o]; j++) {
                        gradBias[b + j] += gradOut[start + j];
                    }
                }
            }
        }
    }
}
