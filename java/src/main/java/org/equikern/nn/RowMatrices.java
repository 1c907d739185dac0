package org.equikern.nn;

/**
 * The three dense products of a fully connected layer on a batch of rows, all accumulating
 * ({@code out += scale·…}) so that sums of products need no temporaries. Matrices are flat,
 * row-major; a weight matrix {@code [in, out]} starts at an offset into the flat parameter array.
 */
final class RowMatrices {
    private RowMatrices() {
    }

    /** {@code out[r, c] += scale · Σ_k a[r, k] · w[k, c]}: rows of a times w ({@code inner × cols}). */
    static void addProduct(double[] a, int rows, int inner, double[] w, int wOffset, int cols, double scale,
            double[] out) {
        for (int r = 0; r < rows; r++) {
            int outRow = r * cols;
            for (int k = 0; k < inner; k++) {
                double ark = scale * a[r * inner + k];
                int wRow = wOffset + k * cols;
                for (int c = 0; c < cols; c++) {
                    out[outRow + c] += ark * w[wRow + c];
                }
            }
        }
    }

    /** {@code out[r, k] += scale · Σ_c d[r, c] · w[k, c]}: rows of d times the transpose of w. */
    static void addProductTransposed(double[] d, int rows, int cols, double[] w, int wOffset, int inner,
            double scale, double[] out) {
        for (int r = 0; r < rows; r++) {
            int dRow = r * cols;
            for (int k = 0; k < inner; k++) {
                int wRow = wOffset + k * cols;
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    s += d[dRow + c] * w[wRow + c];
                }
                out[r * inner + k] += scale * s;
            }
        }
    }

    /** {@code out[k, c] += scale · Σ_r h[r, k] · d[r, c]}: a weight gradient, written at outOffset. */
    static void addOuterSum(double[] h, int rows, int inner, double[] d, int cols, double scale, double[] out,
            int outOffset) {
        for (int r = 0; r < rows; r++) {
            int dRow = r * cols;
            for (int k = 0; k < inner; k++) {
                double hrk = scale * h[r * inner + k];
                int outRow = outOffset + k * cols;
                for (int c = 0; c < cols; c++) {
                    out[outRow + c] += hrk * d[dRow + c];
                }
            }
        }
    }
}
