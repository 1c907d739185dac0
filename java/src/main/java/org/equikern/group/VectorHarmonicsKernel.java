package org.equikern.group;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.equikern.concurrent.ScratchPool;
import org.equikern.gemm.VectorApi;

/**
 * The float32 harmonics of {@link FloatHarmonics} on the Vector API: calls {@code VectorHarmonics}, which is
 * compiled apart and found at run time only where the JVM resolved {@code jdk.incubator.vector}
 * ({@link VectorApi}). Holds that kernel's plan of one harmonics and pools its scratch.
 */
final class VectorHarmonicsKernel {
    private static final String KERNEL = "org.equikern.group.VectorHarmonics";

    private final Object plan;
    private final MethodHandle compute;
    private final ScratchPool<float[]> scratch;

    private VectorHarmonicsKernel(Object plan, MethodHandle compute, MethodHandle newScratch) {
        this.plan = plan;
        this.compute = compute;
        this.scratch = new ScratchPool<>(() -> (float[]) invoke(() -> newScratch.invoke(plan)));
    }

    /**
     * The kernel for one harmonics (its raising recursion grouped by destination component and its scale per
     * component, as {@link SphericalHarmonics} holds them), or null when the JVM runs without {@code
     * --add-modules jdk.incubator.vector}. Only the kernel runs the shorter {@link TwoTermRecursion} (its gain
     * was measured there), so it is fitted here, where the kernel exists: the plain loops keep the raising terms.
     */
    static VectorHarmonicsKernel load(int dim, boolean normalize, int[] start, int[] axis, int[] source,
            double[] coefficient, double[] scale) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle plan = VectorApi.findStatic(lookup, KERNEL, "plan", MethodType.methodType(Object.class,
                int.class, boolean.class, int[].class, int[].class, int[].class, float[].class, float[].class));
        if (plan == null) return null;
        MethodHandle newScratch = VectorApi.findStatic(lookup, KERNEL, "scratch",
                MethodType.methodType(float[].class, Object.class));
        MethodHandle compute = VectorApi.findStatic(lookup, KERNEL, "compute", MethodType.methodType(void.class,
                Object.class, float[].class, float[].class, float[].class, int.class, int.class));
        TwoTermRecursion shorter = TwoTermRecursion.of(dim, start, axis, source, coefficient);
        double[] rowScale = new double[dim];
        for (int k = 0; k < dim; k++) rowScale[k] = scale[k] * shorter.rowScale[k];
        float[] shorterCoefficient = FloatHarmonics.toFloat(shorter.coefficient);
        float[] shorterScale = FloatHarmonics.toFloat(rowScale);
        Object built = invoke(() -> plan.invoke(dim, normalize, shorter.start, shorter.axis, shorter.source,
                shorterCoefficient, shorterScale));
        return new VectorHarmonicsKernel(built, compute, newScratch);
    }

    /** Evaluates vectors {@code [from, to)} into their rows of {@code out}. */
    void compute(float[] vectors, float[] out, int from, int to) {
        float[] s = scratch.acquire();
        try {
            compute.invokeExact(plan, s, vectors, out, from, to);
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        } finally {
            scratch.release(s);
        }
    }

    /** A kernel call that returns a value. */
    private interface Call {
        Object run() throws Throwable;
    }

    private static Object invoke(Call call) {
        try {
            return call.run();
        } catch (Throwable e) {
            throw VectorApi.unchecked(e);
        }
    }
}
