package org.equikern.gemm;

import java.util.Arrays;

/**
 * {@link DenseKernel} in plain Java, {@link DenseGemm}'s kernel on {@link GemmRoute#JAVA}: row by
 * row, each inner loop runs over the contiguous columns of one row of b (or g) into one row of the
 * result, the shape C2 vectorizes.
 */
final class JavaDenseKernel implements DenseKernel {
    @Override
    public void multiply(float[] a, float[] b, float[] c, int rows, int in, int out) {
        Arrays.fill(c, 0, rows * out, 0f);
        for (int r = 0; r < rows; r++) {
            int cAt = r * out;
            for (int u = 0; u < in; u++) addScaledRow(a[r * in + u], b, u * out, c, cAt, out);
        }
    }

    @Override
    public void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out) {
        for (int r = 0; r < rows; r++) {
            int gAt = r * out;
            for (int u = 0; u < in; u++) addScaledRow(a[r * in + u], g, gAt, p, u * out, out);
        }
    }

    /** {@code y[yAt + j] += scale · x[xAt + j]} for j &lt; n. */
    private static void addScaledRow(float scale, float[] x, int xAt, float[] y, int yAt, int n) {
        for (int j = 0; j < n; j++) y[yAt + j] = Math.fma(scale, x[xAt + j], y[yAt + j]);
    }
}
