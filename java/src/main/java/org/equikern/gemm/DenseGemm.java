package org.equikern.gemm;

/**
 * A float32 GEMM on dense row-major arrays, for callers that lay their operands out densely
 * themselves (so nothing is packed per call): the Vector API tile or the native sgemm on the
 * packed routes ({@link GemmRoute#VECTOR}, {@link GemmRoute#NATIVE}), plain loops that C2
 * vectorizes on {@link GemmRoute#JAVA}. Sums are in float over the whole depth. Stateless once made;
 * safe to share between threads.
 */
public final class DenseGemm {
    private final DenseKernel kernel;

    /**
     * The GEMM on the route {@link GemmRoute#configured()} names now.
     *
     * @throws IllegalArgumentException for an unknown route name
     * @throws IllegalStateException when the configured route cannot run in this JVM
     */
    public DenseGemm() {
        this(GemmRoute.configured());
    }

    /**
     * The GEMM on {@code route}.
     *
     * @param route the kernel to multiply with
     * @throws IllegalStateException when {@code route} cannot run in this JVM
     */
    public DenseGemm(GemmRoute route) {
        DenseKernel packed = route.kernel();
        this.kernel = packed != null ? packed : new JavaDenseKernel();
    }

    /**
     * Row-major {@code c[r][j] = Σ_u a[r][u] · b[u][j]}, c overwritten.
     *
     * @param a {@code rows × in}, from index 0
     * @param b {@code in × out}, from index 0
     * @param c {@code rows × out}, from index 0, overwritten
     * @param rows the rows of a and c, ≥ 0
     * @param in the depth, ≥ 0
     * @param out the columns of b and c, ≥ 0
     * @throws IllegalArgumentException for a negative size or an array shorter than its shape
     */
    public void multiply(float[] a, float[] b, float[] c, int rows, int in, int out) {
        check(a, "a", rows, in);
        check(b, "b", in, out);
        check(c, "c", rows, out);
        kernel.multiply(a, b, c, rows, in, out);
    }

    /**
     * Row-major {@code p[u][j] += Σ_r a[r][u] · g[r][j]}: the weight gradient {@code Aᵀ·G}.
     *
     * @param a {@code rows × in}, from index 0
     * @param g {@code rows × out}, from index 0
     * @param p {@code in × out}, from index 0, added to
     * @param rows the rows of a and g (the sum's length), ≥ 0
     * @param in the rows of p, ≥ 0
     * @param out the columns of g and p, ≥ 0
     * @throws IllegalArgumentException for a negative size or an array shorter than its shape
     */
    public void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out) {
        check(a, "a", rows, in);
        check(g, "g", rows, out);
        check(p, "p", in, out);
        kernel.multiplyTransposedA(a, g, p, rows, in, out);
    }

    private static void check(float[] matrix, String name, int height, int width) {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException(name + " must have sizes >= 0, got " + height + " x " + width);
        }
        int length = Math.multiplyExact(height, width);
        if (matrix.length < length) {
            throw new IllegalArgumentException(name + " must hold " + height + " x " + width + " = " + length
                    + " floats, got " + matrix.length);
        }
    }
}
