package org.equikern.gemm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@link DenseKernel} on the Vector API ({@link GemmRoute#VECTOR}): calls {@code VectorSgemm}, which
 * is compiled apart (it needs {@code jdk.incubator.vector}, and javac's warning on incubator
 * modules would fail the library's {@code -Werror} build) and found at run time, only where the JVM
 * resolved the module ({@link VectorApi}).
 */
final class VectorKernel implements DenseKernel {
    private static final MethodType SIGNATURE =
            MethodType.methodType(void.class, float[].class, float[].class, float[].class, int.class, int.class, int.class);

    private final MethodHandle multiply;
    private final MethodHandle multiplyTransposedA;

    private VectorKernel(MethodHandle multiply, MethodHandle multiplyTransposedA) {
        this.multiply = multiply;
        this.multiplyTransposedA = multiplyTransposedA;
    }

    /** The kernel, or null when the JVM runs without {@code --add-modules jdk.incubator.vector}. */
    static VectorKernel load() {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        String kernel = "org.equikern.gemm.VectorSgemm";
        MethodHandle multiply = VectorApi.findStatic(lookup, kernel, "multiply", SIGNATURE);
        return multiply == null ? null
                : new VectorKernel(multiply, VectorApi.findStatic(lookup, kernel, "multiplyTransposedA", SIGNATURE));
    }

    @Override
    public void multiply(float[] a, float[] b, float[] c, int rows, int in, int out) {
        invoke(multiply, a, b, c, rows, in, out);
    }

    @Override
    public void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out) {
        invoke(multiplyTransposedA, a, g, p, rows, in, out);
    }

    private static void invoke(MethodHandle kernel, float[] a, float[] b, float[] c, int rows, int in, int out) {
        try {
            kernel.invokeExact(a, b, c, rows, in, out);
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        }
    }
}
