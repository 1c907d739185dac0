package org.equikern.gemm;

import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.List;
import java.util.Map;

/**
 * The system's native {@code sgemm} (OpenBLAS, MKL, …) through {@code dev.ludovic.netlib:blas}, for
 * {@link ChannelMix}'s large blocks ({@link GemmRoute#NATIVE}). netlib exposes no thread control,
 * and OpenBLAS sizes its thread pool once, when it loads, from the environment: called from the
 * fork-join chunks of a tensor product with its default threads, it oversubscribed the cores
 * (fctp_uvw_128 forward+backward 4.0–4.4 s against 0.31–0.36 s in Java), so {@code auto} takes this
 * route only where {@link #pinnedToOneThread} holds. {@link #load()} is null when netlib is not on
 * the class path or no native BLAS loads. Only this class names netlib's types, and it is loaded
 * only after netlib was found.
 */
final class NativeSgemm implements DenseKernel {
    /** The variables OpenBLAS reads for its thread count, the first one set winning. */
    static final List<String> THREAD_VARIABLES = List.of("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS");

    private final NativeBLAS blas;

    private NativeSgemm(NativeBLAS blas) {
        this.blas = blas;
    }

    /**
     * Whether {@code environment} pins OpenBLAS to one thread: the first of {@link #THREAD_VARIABLES}
     * that holds a positive count is 1.
     */
    static boolean pinnedToOneThread(Map<String, String> environment) {
        for (String variable : THREAD_VARIABLES) {
            String value = environment.get(variable);
            if (value == null) continue;
            try {
                int threads = Integer.parseInt(value.trim());
                if (threads > 0) return threads == 1;
            } catch (NumberFormatException e) {
                // OpenBLAS ignores a value that is not a number, and so do we.
            }
        }
        return false;
    }

    /** The native route, or null without netlib or a system BLAS. */
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

    @Override
    public void multiply(float[] a, float[] b, float[] c, int rows, int in, int out) {
        // Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ: no transposition needed.
        blas.sgemm("N", "N", out, rows, in, 1f, b, out, a, in, 0f, c, out);
    }

    @Override
    public void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out) {
        // Column-major Pᵀ (out × in) += Gᵀ (out × rows) · A (rows × in, the column-major Aᵀ transposed).
        blas.sgemm("N", "T", out, in, rows, 1f, g, out, a, in, 1f, p, out);
    }
}
