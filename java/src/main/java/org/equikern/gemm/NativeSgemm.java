package org.equikern.gemm;

import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The system's native {@code sgemm} (OpenBLAS, MKL, …) through {@code dev.ludovic.netlib:blas}, for
 * {@link ChannelMix}'s large blocks: on the benchmark machine, one thread, 1 024 × 128 by 128 × 128,
 * OpenBLAS ran 110 GFLOP/s against ChannelMix's 44. Off unless {@code -Dequikern.gemm.native=true}:
 * called from the fork-join chunks of a tensor product, OpenBLAS's own threads oversubscribed the
 * cores (fctp_uvw_128 forward+backward took 4.0–4.4 s against 0.31–0.36 s in Java). {@link #get()}
 * is also null when netlib is not on the class path or no native BLAS loads. Only this class
 * names netlib's types, and it is loaded only after netlib was found.
 */
final class NativeSgemm {
    /** {@code equikern.gemm.native=true} opts into the native route. */
    static final String PROPERTY = "equikern.gemm.native";

    /** The native BLAS; absent ({@code null}) decided once, when the holder loads. */
    private static final class Holder {
        static final NativeSgemm INSTANCE = Boolean.getBoolean(PROPERTY) ? load() : null;
    }

    private final NativeBLAS blas;

    private NativeSgemm(NativeBLAS blas) {
        this.blas = blas;
    }

    /** The native route when opted into ({@link #PROPERTY}), else or without netlib or a system BLAS null. */
    static NativeSgemm get() {
        return Holder.INSTANCE;
    }

    /** The native route whatever the property says (the tests'), or null without netlib or a system BLAS. */
    static NativeSgemm load() {
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
