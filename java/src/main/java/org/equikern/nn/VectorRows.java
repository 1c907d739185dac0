package org.equikern.nn;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.equikern.gemm.VectorApi;

/**
 * {@link RowMatrices}' kernel on the Vector API: calls {@code VectorDgemm}, which is compiled apart (it
 * needs {@code jdk.incubator.vector}) and found at run time, only where the JVM resolved the module
 * ({@link VectorApi}); elsewhere {@link #load()} returns null and {@link RowMatrices} runs its plain-Java
 * kernel.
 */
final class VectorRows {
    private static final MethodType SIGNATURE = MethodType.methodType(void.class, double[].class, int.class,
            int.class, int.class, double[].class, int.class, int.class, double.class, double[].class, int.class,
            int.class, int.class);

    private final MethodHandle multiplyAdd;

    private VectorRows(MethodHandle multiplyAdd) {
        this.multiplyAdd = multiplyAdd;
    }

    /** The kernel, or null when the JVM runs without {@code --add-modules jdk.incubator.vector}. */
    static VectorRows load() {
        MethodHandle multiplyAdd = VectorApi.findStatic(MethodHandles.lookup(), "org.equikern.nn.VectorDgemm",
                "multiplyAdd", SIGNATURE);
        return multiplyAdd == null ? null : new VectorRows(multiplyAdd);
    }

    /**
     * {@code out[outOffset + r·cols + c] += scale · Σ_k a[r·aRow + k·aDepth] · w[wOffset + k·cols + c]} for
     * output rows {@code from ≤ r < to} and {@code k < inner}, each element summed by fused multiply-adds in k
     * order whatever the range.
     */
    void multiplyAdd(double[] a, int aRow, int aDepth, int inner, double[] w, int wOffset, int cols, double scale,
            double[] out, int outOffset, int from, int to) {
        try {
            multiplyAdd.invokeExact(a, aRow, aDepth, inner, w, wOffset, cols, scale, out, outOffset, from, to);
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        }
    }
}
