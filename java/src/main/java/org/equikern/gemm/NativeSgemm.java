package org.equikern.gemm;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The system's native {@code sgemm} (OpenBLAS, MKL, …) through {@code dev.ludovic.netlib:blas}, for
 * {@link ChannelMix}'s large blocks: on the benchmark machine, one thread, 1 024 × 128 by 128 × 128,
 * OpenBLAS ran 110 GFLOP/s against ChannelMix's 44. Optional: {@link #get()} is null when netlib
 * is not on the class path, no native BLAS loads or {@code -Dequikern.gemm.native=false}, and
 * ChannelMix stays in Java. Only this class
 * names netlib's types, and it is loaded only after netlib was found.
 */
final class NativeSgemm {
    /** {@code equikern.gemm.native=false} keeps ChannelMix in Java (A/B comparisons). */
    static final String PROPERTY = "equikern.gemm.native";

    /** The native BLAS; absent ({@code null}) decided once, when the holder loads. */
    private static final class Holder {
        static final NativeSgemm INSTANCE = probe();
    }

    private final NativeBLAS blas;

    private NativeSgemm(NativeBLAS blas) {
        this.blas = blas;
    }

    /** The native route, or null without netlib or a loadable system BLAS. */
    static NativeSgemm get() {
        return Holder.INSTANCE;
    }

    private static NativeSgemm probe() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) return null;
        try {
            Class.forName("dev.ludovic.netlib.blas.NativeBLAS", false, NativeSgemm.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        try {
            return new NativeSgemm(NativeBLAS.getInstance());
        } catch (RuntimeException | LinkageError e) {
            // netlib present but no system BLAS it can load.
            return null;
        }
    }

    /** Row-major {@code c[r][j] = Σ_u a[r][u] · b[u][j]} (rows × in by in × out, dense). */
    void multiply(float[] a, float[] b, float[] c, int rows, int in, int out) {
        // Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ: no transposition needed.
        blas.sgemm("N", "N", out, rows, in, 1f, b, out, a, in, 0f, c, out);
    }

    /** Row-major {@code p[u][j] += Σ_r a[r][u] · g[r][j]} (in × out, from rows × in and rows × out). */
    void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out) {
        // Column-major Pᵀ (out × in) += Gᵀ (out × rows) · A (rows × in, the column-major Aᵀ transposed).
        blas.sgemm("N", "T", out, in, rows, 1f, g, out, a, in, 1f, p, out);
    }
}
