package org.equikern.nn;

import java.util.stream.IntStream;

/**
 * The three dense products of a fully connected layer on a batch of rows, all accumulating
 * ({@code out += scale·…}) so that sums of products need no temporaries. Matrices are flat,
 * row-major; a weight matrix {@code [in, out]} starts at an offset into the flat parameter array.
 *
 * <p>All three run one kernel, {@link #multiplyAdd}: where the JVM resolved the Vector API, the register
 * tiles of {@link VectorRows}; elsewhere a plain-Java kernel whose innermost loop runs along contiguous
 * rows (so the JIT vectorizes it) and updates two output rows from eight rows of the right operand per
 * sweep: sixteen products per load and store of each output element, and each loaded element of the
 * right operand used twice (measured here about 1.5× the throughput of one row and four products per
 * sweep). Large products split their output rows over the common fork-join pool; in either kernel every
 * output element is summed in the same order whatever the split, so results do not depend on it. The
 * transposed products first copy the transposed operand (one pass over it against the product's
 * {@code rows} passes), except the weight gradient's on the register tiles, which read it through strides.
 */
final class RowMatrices {
    /** Rows of the right operand combined per sweep of an output row. */
    private static final int UNROLL = 8;
    /** Multiply-adds below which a product runs on the calling thread alone. */
    private static final long PARALLEL_WORK = 1L << 20;
    /** Multiply-adds per parallel task, at least. */
    private static final long WORK_PER_TASK = 1L << 18;
    /** The Vector API kernel, or null without {@code --add-modules jdk.incubator.vector}. */
    private static final VectorRows VECTOR = VectorRows.load();

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
        if (VECTOR != null) {
            // The register tiles read hᵀ through strides: no transposed copy.
            split(h, 1, inner, inner, rows, d, 0, cols, scale, out, outOffset);
        } else {
            multiplyAdd(transpose(h, 0, rows, inner), inner, rows, d, 0, cols, scale, out, outOffset);
        }
    }

    /**
     * {@code out[outOffset + r·cols + c] += scale · Σ_k a[r, k] · w[wOffset + k·cols + c]} for the
     * {@code rows × inner} matrix a; allocates nothing when it runs on the calling thread alone.
     */
    static void multiplyAdd(double[] a, int rows, int inner, double[] w, int wOffset, int cols, double scale,
            double[] out, int outOffset) {
        split(a, inner, 1, rows, inner, w, wOffset, cols, scale, out, outOffset);
    }

    /**
     * {@link #multiplyAdd} with a's element (r, k) at {@code r·aRow + k·aDepth} (the plain kernel needs
     * {@code aDepth = 1}): large products split their rows over the common pool.
     */
    private static void split(double[] a, int aRow, int aDepth, int rows, int inner, double[] w, int wOffset,
            int cols, double scale, double[] out, int outOffset) {
        long work = (long) rows * inner * cols;
        if (work < PARALLEL_WORK || rows < 4) {
            multiplyAddRows(a, aRow, aDepth, 0, rows, inner, w, wOffset, cols, scale, out, outOffset);
            return;
        }
        // A multiple of four rows per task keeps every task on the full tiles of either kernel.
        int tasks = (int) Math.min(rows / 4, work / WORK_PER_TASK);
        int perTask = ((rows + tasks - 1) / tasks + 3) & ~3;
        IntStream.range(0, (rows + perTask - 1) / perTask).parallel().forEach(t -> multiplyAddRows(a, aRow, aDepth,
                t * perTask, Math.min(rows, (t + 1) * perTask), inner, w, wOffset, cols, scale, out, outOffset));
    }

    /** Whether {@link #multiplyAdd} runs the Vector API kernel (the JVM resolved {@code jdk.incubator.vector}). */
    static boolean vectorized() {
        return VECTOR != null;
    }

    /** {@link #split}'s output rows {@code from} to {@code to}, on the Vector API where there is one. */
    private static void multiplyAddRows(double[] a, int aRow, int aDepth, int from, int to, int inner, double[] w,
            int wOffset, int cols, double scale, double[] out, int outOffset) {
        if (VECTOR != null) {
            VECTOR.multiplyAdd(a, aRow, aDepth, inner, w, wOffset, cols, scale, out, outOffset, from, to);
        } else {
            plainRows(a, from, to, inner, w, wOffset, cols, scale, out, outOffset);
        }
    }

    /**
     * The plain-Java kernel, for JVMs without the Vector API, on output rows {@code from} to {@code to}: pairs
     * of rows, then the odd one.
     */
    static void plainRows(double[] a, int from, int to, int inner, double[] w, int wOffset, int cols,
            double scale, double[] out, int outOffset) {
        int r = from;
        for (; r + 2 <= to; r += 2) {
            multiplyAddRowPair(a, r * inner, inner, w, wOffset, cols, scale, out, outOffset + r * cols);
        }
        if (r < to) {
            multiplyAddRow(a, r * inner, inner, w, wOffset, cols, scale, out, outOffset + r * cols);
        }
    }

    /** Output rows at {@code o} and {@code o + cols} from rows of a at {@code aRow} and {@code aRow + inner}. */
    private static void multiplyAddRowPair(double[] a, int aRow, int inner, double[] w, int wOffset, int cols,
            double scale, double[] out, int o) {
        int bRow = aRow + inner;
        int p = o + cols;
        int k = 0;
        for (; k + UNROLL <= inner; k += UNROLL) {
            double a0 = scale * a[aRow + k];
            double a1 = scale * a[aRow + k + 1];
            double a2 = scale * a[aRow + k + 2];
            double a3 = scale * a[aRow + k + 3];
            double a4 = scale * a[aRow + k + 4];
            double a5 = scale * a[aRow + k + 5];
            double a6 = scale * a[aRow + k + 6];
            double a7 = scale * a[aRow + k + 7];
            double b0 = scale * a[bRow + k];
            double b1 = scale * a[bRow + k + 1];
            double b2 = scale * a[bRow + k + 2];
            double b3 = scale * a[bRow + k + 3];
            double b4 = scale * a[bRow + k + 4];
            double b5 = scale * a[bRow + k + 5];
            double b6 = scale * a[bRow + k + 6];
            double b7 = scale * a[bRow + k + 7];
            int w0 = wOffset + k * cols;
            int w1 = w0 + cols;
            int w2 = w1 + cols;
            int w3 = w2 + cols;
            int w4 = w3 + cols;
            int w5 = w4 + cols;
            int w6 = w5 + cols;
            int w7 = w6 + cols;
            for (int c = 0; c < cols; c++) {
                double x0 = w[w0 + c];
                double x1 = w[w1 + c];
                double x2 = w[w2 + c];
                double x3 = w[w3 + c];
                double x4 = w[w4 + c];
                double x5 = w[w5 + c];
                double x6 = w[w6 + c];
                double x7 = w[w7 + c];
                out[o + c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3 + a4 * x4 + a5 * x5 + a6 * x6 + a7 * x7;
                out[p + c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3 + b4 * x4 + b5 * x5 + b6 * x6 + b7 * x7;
            }
        }
        for (; k < inner; k++) {
            double ak = scale * a[aRow + k];
            double bk = scale * a[bRow + k];
            int wk = wOffset + k * cols;
            for (int c = 0; c < cols; c++) {
                out[o + c] += ak * w[wk + c];
                out[p + c] += bk * w[wk + c];
            }
        }
    }

    /** One output row at {@code o} from the row of a at {@code aRow}, in the order of {@link #multiplyAddRowPair}. */
    private static void multiplyAddRow(double[] a, int aRow, int inner, double[] w, int wOffset, int cols,
            double scale, double[] out, int o) {
        int k = 0;
        for (; k + UNROLL <= inner; k += UNROLL) {
            double a0 = scale * a[aRow + k];
            double a1 = scale * a[aRow + k + 1];
            double a2 = scale * a[aRow + k + 2];
            double a3 = scale * a[aRow + k + 3];
            double a4 = scale * a[aRow + k + 4];
            double a5 = scale * a[aRow + k + 5];
            double a6 = scale * a[aRow + k + 6];
            double a7 = scale * a[aRow + k + 7];
            int w0 = wOffset + k * cols;
            int w1 = w0 + cols;
            int w2 = w1 + cols;
            int w3 = w2 + cols;
            int w4 = w3 + cols;
            int w5 = w4 + cols;
            int w6 = w5 + cols;
            int w7 = w6 + cols;
            for (int c = 0; c < cols; c++) {
                out[o + c] += a0 * w[w0 + c] + a1 * w[w1 + c] + a2 * w[w2 + c] + a3 * w[w3 + c] + a4 * w[w4 + c]
                        + a5 * w[w5 + c] + a6 * w[w6 + c] + a7 * w[w7 + c];
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
