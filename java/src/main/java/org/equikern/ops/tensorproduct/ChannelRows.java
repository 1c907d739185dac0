package org.equikern.ops.tensorproduct;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.equikern.gemm.VectorApi;

/**
 * The loops over channels of the float uvw route ({@link FloatSharedUvw}): rows of channels scaled,
 * added and dotted at arbitrary offsets, and one sample's irreps block moved between e3nn's layout
 * {@code [channel][component]} and the component-major layout {@code [component][channel]}, in which
 * the couplings and the GEMM's rows run over channels with unit stride. On the Vector API
 * ({@code VectorChannelRows}) where the JVM resolved it: C2 leaves these loops scalar (its
 * vectorizer cannot prove two arrays read at unrelated offsets apart; measured 0.7 against 0.1 ns
 * per element), else plain loops (the {@code plain*} methods, which the tests also call directly).
 */
final class ChannelRows {
    private static final String KERNEL = "org.equikern.ops.tensorproduct.VectorChannelRows";
    private static final MethodType ROW_OP =
            MethodType.methodType(void.class, float.class, float[].class, int.class, float[].class, int.class, int.class);
    private static final MethodType MOVE =
            MethodType.methodType(void.class, float[].class, int.class, int.class, int.class, float[].class, int.class);
    // Static finals, so that C2 inlines the kernels (instance fields would leave an indirect call per row).
    private static final MethodHandle SCALE = find("scale", ROW_OP);
    private static final MethodHandle AXPY = find("axpy", ROW_OP);
    private static final MethodHandle DOT = find("dot",
            MethodType.methodType(float.class, float[].class, int.class, float[].class, int.class, int.class));
    private static final MethodHandle GATHER = find("gather", MOVE);
    private static final MethodHandle SCATTER = find("scatter", MOVE);

    private ChannelRows() {}

    private static MethodHandle find(String name, MethodType type) {
        return VectorApi.findStatic(MethodHandles.lookup(), KERNEL, name, type);
    }

    /** {@code y[yAt + u] = s · x[xAt + u]} for u &lt; n. */
    static void scale(float s, float[] x, int xAt, float[] y, int yAt, int n) {
        if (SCALE == null) {
            plainScale(s, x, xAt, y, yAt, n);
            return;
        }
        try {
            SCALE.invokeExact(s, x, xAt, y, yAt, n);
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        }
    }

    /** {@code y[yAt + u] += s · x[xAt + u]} for u &lt; n. */
    static void axpy(float s, float[] x, int xAt, float[] y, int yAt, int n) {
        if (AXPY == null) {
            plainAxpy(s, x, xAt, y, yAt, n);
            return;
        }
        try {
            AXPY.invokeExact(s, x, xAt, y, yAt, n);
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        }
    }

    /** {@code Σ_u a[aAt + u] · b[bAt + u]} for u &lt; n, summed in float. */
    static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        if (DOT == null) return plainDot(a, aAt, b, bAt, n);
        try {
            return (float) DOT.invokeExact(a, aAt, b, bAt, n);
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        }
    }

    /** {@code dst[dstAt + i·mul + u] = src[srcAt + u·dim + i]}: e3nn's layout to component-major. */
    static void gather(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        if (dim == 1) {
            System.arraycopy(src, srcAt, dst, dstAt, mul);
        } else if (GATHER == null) {
            plainGather(src, srcAt, mul, dim, dst, dstAt);
        } else {
            try {
                GATHER.invokeExact(src, srcAt, mul, dim, dst, dstAt);
            } catch (Throwable e) {
                throw VectorApi.unchecked(e);
            }
        }
    }

    /** {@code dst[dstAt + u·dim + i] = src[srcAt + i·mul + u]}: component-major back to e3nn's layout. */
    static void scatter(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        if (dim == 1) {
            System.arraycopy(src, srcAt, dst, dstAt, mul);
        } else if (SCATTER == null) {
            plainScatter(src, srcAt, mul, dim, dst, dstAt);
        } else {
            try {
                SCATTER.invokeExact(src, srcAt, mul, dim, dst, dstAt);
            } catch (Throwable e) {
                throw VectorApi.unchecked(e);
            }
        }
    }

    /** {@link #scale} in plain Java. */
    static void plainScale(float s, float[] x, int xAt, float[] y, int yAt, int n) {
        for (int u = 0; u < n; u++) y[yAt + u] = s * x[xAt + u];
    }

    /** {@link #axpy} in plain Java. */
    static void plainAxpy(float s, float[] x, int xAt, float[] y, int yAt, int n) {
        for (int u = 0; u < n; u++) y[yAt + u] = Math.fma(s, x[xAt + u], y[yAt + u]);
    }

    /** {@link #dot} in plain Java: four independent FMA chains. */
    static float plainDot(float[] a, int aAt, float[] b, int bAt, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int u = 0;
        for (; u + 4 <= n; u += 4) {
            s0 = Math.fma(a[aAt + u], b[bAt + u], s0);
            s1 = Math.fma(a[aAt + u + 1], b[bAt + u + 1], s1);
            s2 = Math.fma(a[aAt + u + 2], b[bAt + u + 2], s2);
            s3 = Math.fma(a[aAt + u + 3], b[bAt + u + 3], s3);
        }
        for (; u < n; u++) s0 = Math.fma(a[aAt + u], b[bAt + u], s0);
        return (s0 + s1) + (s2 + s3);
    }

    /** {@link #gather} in plain Java. */
    static void plainGather(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        for (int i = 0; i < dim; i++) {
            int to = dstAt + i * mul;
            for (int u = 0; u < mul; u++) dst[to + u] = src[srcAt + u * dim + i];
        }
    }

    /** {@link #scatter} in plain Java. */
    static void plainScatter(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        for (int i = 0; i < dim; i++) {
            int from = srcAt + i * mul;
            for (int u = 0; u < mul; u++) dst[dstAt + u * dim + i] = src[from + u];
        }
    }
}
