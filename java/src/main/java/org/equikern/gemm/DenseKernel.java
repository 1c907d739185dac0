package org.equikern.gemm;

/**
 * A float32 GEMM on dense row-major arrays, the kernel behind {@link ChannelMix}'s packed route:
 * the native BLAS ({@link NativeSgemm}) or the Vector API micro-kernel ({@code VectorSgemm}).
 */
interface DenseKernel {
    /** Row-major {@code c[r][j] = Σ_u a[r][u] · b[u][j]} (rows × in by in × out, dense; c overwritten). */
    void multiply(float[] a, float[] b, float[] c, int rows, int in, int out);

    /** Row-major {@code p[u][j] += Σ_r a[r][u] · g[r][j]} (in × out, from rows × in and rows × out). */
    void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out);
}
