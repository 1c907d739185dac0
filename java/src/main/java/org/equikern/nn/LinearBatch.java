package org.equikern.nn;

import java.util.Arrays;
import org.equikern.concurrent.ScratchPool;

/**
 * {@link Linear}'s double-precision arithmetic on a whole batch as dense matrix products. Each
 * instruction maps block {@code u·d + i} of the input to block {@code v·d + i} of the output with one
 * {@code mulIn × mulOut} matrix shared by the {@code d} components, so its rows are copied into a
 * {@code (batch·d) × mul} matrix (component-major, the channel innermost) and the instruction becomes one
 * product of the kind {@link RowMatrices} runs with vectorized inner loops, where the per-sample arithmetic
 * ({@link LinearArithmetic}) runs loops of length {@code d} (1 or 3). Work arrays come from a pool, so
 * steady-state calls allocate nothing.
 */
final class LinearBatch {
    private final LinearLayout layout;
    private final ScratchPool<Scratch> scratch = new ScratchPool<>(Scratch::new);

    LinearBatch(LinearLayout layout) {
        this.layout = layout;
    }

    /** Overwrites {@code out} with the batch's outputs (biases included). */
    void forward(double[] x, double[] w, double[] bias, double[] out, int batch) {
        LinearLayout l = layout;
        Arrays.fill(out, 0, batch * l.dimOut, 0.0);
        Scratch s = scratch.acquire();
        try {
            for (int k = 0; k < l.inputBlock.length; k++) {
                int rows = batch * l.irrepDim[k];
                double[] in = s.in(rows * l.mulIn[k]);
                gather(x, batch, l.dimIn, l.inputOffset[k], l.mulIn[k], l.irrepDim[k], in);
                double[] product = s.product(rows * l.mulOut[k]);
                RowMatrices.multiplyAdd(in, rows, l.mulIn[k], w, l.weightOffset[k], l.mulOut[k], l.pathWeight[k],
                        product, 0);
                scatterAdd(product, batch, l.dimOut, l.outputOffset[k], l.mulOut[k], l.irrepDim[k], out);
            }
        } finally {
            scratch.release(s);
        }
        if (l.biasNumel > 0) {
            for (int b = 0; b < batch; b++) {
                addBiases(bias, out, b * l.dimOut);
            }
        }
    }

    /**
     * Overwrites {@code gradX} and adds the batch's weight and bias gradients into {@code gradW} and
     * {@code gradBias}; a null gradient is skipped.
     */
    void backward(double[] x, double[] w, double[] gradOut, double[] gradX, double[] gradW, double[] gradBias,
                  int batch) {
        LinearLayout l = layout;
        if (gradX != null) {
            Arrays.fill(gradX, 0, batch * l.dimIn, 0.0);
        }
        Scratch s = scratch.acquire();
        try {
            for (int k = 0; k < l.inputBlock.length; k++) {
                int d = l.irrepDim[k];
                int rows = batch * d;
                int mulIn = l.mulIn[k];
                int mulOut = l.mulOut[k];
                double[] g = s.gradOut(rows * mulOut);
                gather(gradOut, batch, l.dimOut, l.outputOffset[k], mulOut, d, g);
                if (gradX != null) {
                    // gradX rows = g · Wᵀ: the product kernel wants Wᵀ row-major.
                    double[] wT = s.in(mulOut * mulIn);
                    for (int u = 0; u < mulIn; u++) {
                        for (int v = 0; v < mulOut; v++) {
                            wT[v * mulIn + u] = w[l.weightOffset[k] + u * mulOut + v];
                        }
                    }
                    double[] product = s.product(rows * mulIn);
                    RowMatrices.multiplyAdd(g, rows, mulOut, wT, 0, mulIn, l.pathWeight[k], product, 0);
                    scatterAdd(product, batch, l.dimIn, l.inputOffset[k], mulIn, d, gradX);
                }
                if (gradW != null) {
                    // gradW = xᵀ · g, with x gathered transposed: mulIn × rows.
                    double[] xT = s.in(mulIn * rows);
                    gatherTransposed(x, batch, l.dimIn, l.inputOffset[k], mulIn, d, xT);
                    RowMatrices.multiplyAdd(xT, mulIn, rows, g, 0, mulOut, l.pathWeight[k], gradW,
                            l.weightOffset[k]);
                }
            }
        } finally {
            scratch.release(s);
        }
        if (gradBias != null) {
            for (int o = 0; o < l.blockOffset.length; o++) {
                int b = l.blockBiasOffset[o];
                for (int n = 0; b >= 0 && n < batch; n++) {
                    int start = n * l.dimOut + l.blockOffset[o];
                    for (int j = 0; j < l.blockDim[o]; j++) {
                        gradBias[b + j] += gradOut[start + j];
                    }
                }
            }
        }
    }

    private void addBiases(double[] bias, double[] out, int outAt) {
        LinearLayout l = layout;
        for (int o = 0; o < l.blockOffset.length; o++) {
            int b = l.blockBiasOffset[o];
            if (b >= 0) {
                int start = outAt + l.blockOffset[o];
                for (int j = 0; j < l.blockDim[o]; j++) {
                    out[start + j] += bias[b + j];
                }
            }
        }
    }

    /**
     * Copies the block of {@code mul} copies of a {@code d}-dimensional irrep at {@code offset} in each row of
     * width {@code dim} into m as a {@code (batch·d) × mul} matrix: entry {@code (n·d + i, u)} is component i
     * of copy u.
     */
    private static void gather(double[] rows, int batch, int dim, int offset, int mul, int d, double[] m) {
        for (int n = 0; n < batch; n++) {
            int from = n * dim + offset;
            int to = n * d * mul;
            for (int u = 0; u < mul; u++) {
                for (int i = 0; i < d; i++) {
                    m[to + i * mul + u] = rows[from + u * d + i];
                }
            }
        }
    }

    /** {@link #gather}'s matrix transposed: {@code mul × (batch·d)}. */
    private static void gatherTransposed(double[] rows, int batch, int dim, int offset, int mul, int d, double[] m) {
        int columns = batch * d;
        for (int n = 0; n < batch; n++) {
            int from = n * dim + offset;
            for (int u = 0; u < mul; u++) {
                for (int i = 0; i < d; i++) {
                    m[u * columns + n * d + i] = rows[from + u * d + i];
                }
            }
        }
    }

    /** Adds a matrix laid out as {@link #gather} makes them back into the block's place in the rows. */
    private static void scatterAdd(double[] m, int batch, int dim, int offset, int mul, int d, double[] rows) {
        for (int n = 0; n < batch; n++) {
            int to = n * dim + offset;
            int from = n * d * mul;
            for (int u = 0; u < mul; u++) {
                for (int i = 0; i < d; i++) {
                    rows[to + u * d + i] += m[from + i * mul + u];
                }
            }
        }
    }

    /** Work arrays that grow to the largest batch seen, so steady-state calls allocate nothing. */
    private static final class Scratch {
        private double[] in = new double[0];
        private double[] gradOut = new double[0];
        private double[] product = new double[0];

        /** An array of at least {@code length} elements, contents undefined. */
        double[] in(int length) {
            if (in.length < length) {
                in = new double[length];
            }
            return in;
        }

        /** An array of at least {@code length} elements, contents undefined. */
        double[] gradOut(int length) {
            if (gradOut.length < length) {
                gradOut = new double[length];
            }
            return gradOut;
        }

        /** An array of at least {@code length} elements, the first {@code length} zero. */
        double[] product(int length) {
            if (product.length < length) {
                product = new double[length];
            } else {
                Arrays.fill(product, 0, length, 0.0);
            }
            return product;
        }
    }
}
