package org.equikern.ops.tensorproduct;

/**
 * Moves one sample's irreps block between e3nn's layout {@code [channel][component]} and the
 * component-major layout {@code [component][channel]} of the float uvw route, in which each
 * component's channels are contiguous: the couplings and the GEMM's rows then run over channels
 * with unit stride.
 */
final class ComponentMajor {
    private ComponentMajor() {}

    /** {@code dst[dstAt + i·mul + u] = src[srcAt + u·dim + i]} for u &lt; mul, i &lt; dim. */
    static void gather(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        if (dim == 1) {
            System.arraycopy(src, srcAt, dst, dstAt, mul);
            return;
        }
        for (int i = 0; i < dim; i++) {
            int to = dstAt + i * mul;
            for (int u = 0; u < mul; u++) dst[to + u] = src[srcAt + u * dim + i];
        }
    }

    /** {@code dst[dstAt + u·dim + i] = src[srcAt + i·mul + u]} for u &lt; mul, i &lt; dim: the inverse of {@link #gather}. */
    static void scatter(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        if (dim == 1) {
            System.arraycopy(src, srcAt, dst, dstAt, mul);
            return;
        }
        for (int i = 0; i < dim; i++) {
            int from = srcAt + i * mul;
            for (int u = 0; u < mul; u++) dst[dstAt + u * dim + i] = src[from + u];
        }
    }
}
