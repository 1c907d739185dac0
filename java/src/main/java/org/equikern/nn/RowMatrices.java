package org.equikern.nn;

/**
 * The three dense products of a fully connected layer on a batch of rows, all accumulating
 * ({@code out += scale·…}) so that sums of products need no temporaries. Matrices are flat,
 * row-major; a weight matrix {@code [in, out]} starts at an offset into the flat parameter array.
 *
 * <p>All three run one kernel, {@link #multiplyAdd}, whose innermost loop runs along contiguous rows
 * (so the JIT vectorizes it) and adds four products per load and store of the output. The two
 * transposed products first copy the transposed operand, which costs one pass over it against the
 * product's {@code rows} passes.
 */
final class RowMatrices {
    /** Rows of the right operand combined per sweep of an output row. */
    private static final int UNROLL = 4;

    private RowMatrices() {
    }

    /** {@code out[r, c] += scale · Σ_k a[r, k] · w[k, c]}: rows of a times w ({@code inner × cols}). */
    static void addProduct(double[] a, int rows, int inner, double[] w, int wOffset, int cols, double scale,
            double[] out) {
        multiplyAdd(a, rows, inner, w, wOffset, cols, scale, out, 0);
    }

    /** {@code out[r, k] += scale · Σ_c d[r, c] · w[k, c]}: rows of d times the transpose of w. */
    static void addProductTransposed(double[] d, int rows, int cols, double[] w, int wOffset, int inner,
            double scale, double[] out) {
        multiplyAdd(d, rows, cols, transpose(w, wOffset, inner, cols), 0, inner, scale, out, 0);
    }

    /** {@code out[k, c] += scale · Σ_r h[r, k] · d[r, c]}: a weight gradient, written at outOffset. */
    static void addOuterSum(double[] h, int rows, int inner, double[] d, int cols, double scale, double[] out,
            int outOffset) {
        multiplyAdd(transpose(h, 0, rows, inner), inner, rows, d, 0, cols, scale, out, outOffset);
    }

    /** {@code out[outOffset + r·cols + c] += scale · Σ_k a[r, k] · w[wOffset + k·cols + c]}. */
    private static void multiplyAdd(double[] a, int rows, int inner, double[] w, int wOffset, int cols, double scale,
            double[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            int o = outOffset + r * cols;
            int aRow = r * inner;
            int k = 0;
            for (; k + UNROLL <= inner; k += UNROLL) {
                double a0 = scale * a[aRow + k];
                double a1 = scale * a[aRow + k + 1];
                double a2 = scale * a[aRow + k + 2];
                double a3 = scale * a[aRow + k + 3];
                int w0 = wOffset + k * cols;
                int w1 = w0 + cols;
                int w2 = w1 + cols;
                int w3 = w2 + cols;
                for (int c = 0; c < cols; c++) {
                    out[o + c] += a0 * w[w0 + c] + a1 * w[w1 + c] + a2 * w[w2 + c] + a3 * w[w3 + c];
                }
            }
            for (; k < inner; k++) {
                double ak = scale * a[aRow + k];
                int wk = wOffset + k * cols;
                for (int c = 0; c < cols; c++) {
                    out[o + c] += ak * w[wk + c];
                }
            }
        }
    }

    /** The transpose {@code [cols, rows]} of the row-major {@code [rows, cols]} block at {@code offset}. */
    private static double[] transpose(double[] m, int offset, int rows, int cols) {
        double[] t = new double[Math.multiplyExact(rows, cols)];
        for (int r = 0; r < rows; r++) {
            int from = offset + r * cols;
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[from + c];
            }
        }
        return t;
    }
}
