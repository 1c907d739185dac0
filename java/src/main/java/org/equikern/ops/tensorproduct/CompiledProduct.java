package org.equikern.ops.tensorproduct;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.equikern.concurrent.LruCache;
import org.equikern.gemm.VectorApi;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;

/**
 * A channel-wise plan's kernels compiled into a class of their own ({@link ChannelWiseSource};
 * float32 calls compute in float32, see {@link FloatChannelWiseSource}), called through method
 * handles once per chunk of samples. Plans qualify when every path is
 * {@code uvu} with one input-2 channel and a sample carries at least {@link #MIN_FLOPS} of work
 * (below that, compiling costs more than it saves); the system property
 * {@code equikern.specialize=false} turns specialization off. Compiled once per spec and shared
 * by every executor of that spec; the {@link #cacheSize()} most recently used compiled classes
 * are kept (default {@value #DEFAULT_CACHE_SIZE}, or the system property
 * {@code equikern.specialize.cacheSize}), so evicted ones can be
 * unloaded once no executor uses them. Compilations run outside the cache's lock: a compile
 * (1–2.5 s) blocks only the callers asking for the same spec.
 */
final class CompiledProduct {
    /** Work per sample (as {@link Plan#flopsPerSample()}) from which a plan is compiled. */
    static final long MIN_FLOPS = 2048;
    private static final String PACKAGE = "org.equikern.generated";
    private static final AtomicInteger NAMES = new AtomicInteger();
    /** Compiled classes kept unless {@code equikern.specialize.cacheSize} says otherwise. */
    static final int DEFAULT_CACHE_SIZE = 64;
    /** Compiled kernels by spec; a spec that could not be compiled maps to null. */
    private static final LruCache<List<Object>, CompiledProduct> CACHE =
            new LruCache<>(LruCache.capacityProperty("equikern.specialize.cacheSize", DEFAULT_CACHE_SIZE));

    private final MethodHandle forwardDouble;
    private final MethodHandle forwardFloat;
    private final MethodHandle backwardDouble;
    private final MethodHandle backwardFloat;
    private final MethodHandle convolveDouble;
    private final MethodHandle convolveFloat;
    private final MethodHandle convolveBackwardDouble;
    private final MethodHandle convolveBackwardFloat;
    private final MethodHandle in1ToIrMul;
    private final MethodHandle outToIrMul;
    /** The float64 tangent kernels, or null when the plan has none ({@link ChannelWiseSource#hasTangents}). */
    private final MethodHandle tangent;
    private final MethodHandle tangentBackward;
    /** Doubles of scratch each thread passes to the float64 kernels. */
    final int scratchLength;
    /** Floats of scratch each thread passes to the float32 kernels. */
    final int floatScratchLength;

    private CompiledProduct(Class<?> generated, int scratchLength, int floatScratchLength, boolean tangents) {
        this.scratchLength = scratchLength;
        this.floatScratchLength = floatScratchLength;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            forwardDouble = lookup.findStatic(generated, "forward", forwardType(double[].class));
            forwardFloat = lookup.findStatic(generated, "forward", forwardType(float[].class));
            backwardDouble = lookup.findStatic(generated, "backward", backwardType(double[].class));
            backwardFloat = lookup.findStatic(generated, "backward", backwardType(float[].class));
            convolveDouble = lookup.findStatic(generated, "convolve", convolveType(double[].class));
            convolveFloat = lookup.findStatic(generated, "convolve", convolveType(float[].class));
            convolveBackwardDouble = lookup.findStatic(generated, "convolveBackward",
                    convolveBackwardType(double[].class));
            convolveBackwardFloat = lookup.findStatic(generated, "convolveBackward",
                    convolveBackwardType(float[].class));
            MethodType transpose = MethodType.methodType(void.class, float[].class, float[].class, int.class);
            in1ToIrMul = lookup.findStatic(generated, "in1ToIrMul", transpose);
            outToIrMul = lookup.findStatic(generated, "outToIrMul", transpose);
            tangent = tangents ? lookup.findStatic(generated, "tangent", tangentType()) : null;
            tangentBackward = tangents ? lookup.findStatic(generated, "tangentBackward", tangentBackwardType()) : null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class " + generated.getName() + " lacks its kernels", e);
        }
    }

    /** The compiled kernels of {@code plan}, or null when it does not qualify or no compiler is available. */
    static CompiledProduct of(Plan plan, FlatPlan kernel) {
        return plan.flopsPerSample() < MIN_FLOPS ? null : ofAnySize(plan, kernel);
    }

    /**
     * {@link #of} whatever the work per sample: for a product that the caller knows runs many times on
     * large batches, so that one compilation pays however little each sample carries.
     */
    static CompiledProduct ofAnySize(Plan plan, FlatPlan kernel) {
        if (!enabled() || !ChannelWiseSource.supports(kernel)) return null;
        // Keyed by spec and coupling source: the generated code has the coefficients folded in.
        return CACHE.get(List.of(plan.spec(), plan.source()), key -> compile(kernel));
    }

    /**
     * Compiles {@code kernel}'s class regardless of size or the system property (tests), or null;
     * its float32 loops use the Vector API where this JVM resolved it.
     */
    static CompiledProduct compile(FlatPlan kernel) {
        return compile(kernel, VectorApi.isAvailable());
    }

    /** {@link #compile(FlatPlan)} with the float32 loops on the Vector API or in plain Java (tests). */
    static CompiledProduct compile(FlatPlan kernel, boolean vectorApi) {
        String name = "ChannelWise" + NAMES.incrementAndGet();
        String source = ChannelWiseSource.generate(kernel, PACKAGE, name, vectorApi);
        if (source == null) return null;
        Class<?> generated = InMemoryCompiler.compile(PACKAGE, name, source, vectorApi);
        return generated == null ? null : new CompiledProduct(generated, ChannelWiseSource.scratchLength(kernel),
                new FloatChannelWiseSource(new ChannelWisePaths(kernel), vectorApi).scratchLength(),
                ChannelWiseSource.hasTangents(kernel));
    }

    private static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("equikern.specialize"));
    }

    /** Samples {@code from..to} of a forward pass. */
    void forward(double[] x1, double[] x2, double[] w, double[] out, int from, int to, double[] scratch) {
        call(() -> {
            forwardDouble.invokeExact(x1, x2, w, out, from, to, scratch);
        });
    }

    /** Samples {@code from..to} of a forward pass, in float32. */
    void forward(float[] x1, float[] x2, float[] w, float[] out, int from, int to, float[] scratch) {
        call(() -> {
            forwardFloat.invokeExact(x1, x2, w, out, from, to, scratch);
        });
    }

    /**
     * Samples {@code from..to} of a backward pass: gradients that are null are skipped; per-sample
     * weight gradients are written into {@code gradW}, shared ones added into
     * {@code sharedGradW} at {@code sharedBase}.
     */
    void backward(double[] x1, double[] x2, double[] w, double[] gradOut, double[] gradX1, double[] gradX2,
                  double[] gradW, double[] sharedGradW, int sharedBase, int from, int to, double[] scratch) {
        call(() -> {
            backwardDouble.invokeExact(x1, x2, w, gradOut, gradX1, gradX2, gradW, sharedGradW, sharedBase,
                from, to, scratch);
        });
    }

    /** {@link #backward(double[], double[], double[], double[], double[], double[], double[], double[], int, int, int, double[]) backward} in float32. */
    void backward(float[] x1, float[] x2, float[] w, float[] gradOut, float[] gradX1, float[] gradX2,
                  float[] gradW, double[] sharedGradW, int sharedBase, int from, int to, float[] scratch) {
        call(() -> {
            backwardFloat.invokeExact(x1, x2, w, gradOut, gradX1, gradX2, gradW, sharedGradW, sharedBase,
                from, to, scratch);
        });
    }

    /**
     * Target nodes {@code from..to} of the fused convolution: node n sums the product over its
     * incoming edges {@code order[offsets[n]..offsets[n+1]]}, edge e reading node {@code src[e]}.
     */
    void convolve(double[] x, double[] attrs, double[] w, double[] out, int[] src, int[] order, int[] offsets,
                  int from, int to, double[] scratch) {
        call(() -> {
            convolveDouble.invokeExact(x, attrs, w, out, src, order, offsets, from, to, scratch);
        });
    }

    /**
     * {@link #convolve(double[], double[], double[], double[], int[], int[], int[], int, int, double[]) convolve}
     * in float32, reading node features {@code xT} transposed by {@link #in1ToIrMul}.
     */
    void convolve(float[] xT, float[] attrs, float[] w, float[] out, int[] src, int[] order, int[] offsets,
                  int from, int to, float[] scratch) {
        call(() -> {
            convolveFloat.invokeExact(xT, attrs, w, out, src, order, offsets, from, to, scratch);
        });
    }

    /**
     * Source nodes {@code from..to} of the convolution's backward pass: node n's outgoing edges
     * {@code order[offsets[n]..offsets[n+1]]} give its feature gradient; each edge's attribute and
     * weight gradients are written (shared weights: added into {@code sharedGradW}).
     */
    void convolveBackward(double[] x, double[] attrs, double[] w, double[] gradOut, double[] gradX,
                          double[] gradAttrs, double[] gradW, double[] sharedGradW, int sharedBase, int[] dst,
                          int[] order, int[] offsets, int from, int to, double[] scratch) {
        call(() -> {
            convolveBackwardDouble.invokeExact(x, attrs, w, gradOut, gradX, gradAttrs, gradW, sharedGradW,
                sharedBase, dst, order, offsets, from, to, scratch);
        });
    }

    /**
     * The convolution's backward pass in float32, reading node features {@code xT} and output
     * gradients {@code gradOutT} transposed by {@link #in1ToIrMul} and {@link #outToIrMul}.
     */
    void convolveBackward(float[] xT, float[] attrs, float[] w, float[] gradOutT, float[] gradX, float[] gradAttrs,
                          float[] gradW, double[] sharedGradW, int sharedBase, int[] dst, int[] order, int[] offsets,
                          int from, int to, float[] scratch) {
        call(() -> {
            convolveBackwardFloat.invokeExact(xT, attrs, w, gradOutT, gradX, gradAttrs, gradW, sharedGradW,
                sharedBase, dst, order, offsets, from, to, scratch);
        });
    }

    /** Whether the class has the float64 tangent kernels ({@link ChannelWiseSource#hasTangents}). */
    boolean hasTangents() {
        return tangent != null;
    }

    /**
     * Samples {@code from..to} of the forward pass's tangent along the tangents of all three operands (see
     * {@link JavaTensorProductExecutor#tangent}); only when {@link #hasTangents}.
     */
    void tangent(double[] x1, double[] x1t, double[] x2, double[] x2t, double[] w, double[] wt, double[] out,
                 int from, int to, double[] scratch) {
        call(() -> {
            tangent.invokeExact(x1, x1t, x2, x2t, w, wt, out, from, to, scratch);
        });
    }

    /**
     * Samples {@code from..to} of the tangents of the backward's input-1 and weight gradients (see
     * {@link JavaTensorProductExecutor#tangentBackward}); only when {@link #hasTangents}.
     */
    void tangentBackward(double[] x1, double[] x1t, double[] x2, double[] x2t, double[] w, double[] wt,
                         double[] gradOut, double[] gradOutT, double[] gradX1T, double[] gradWT, int from, int to,
                         double[] scratch) {
        call(() -> {
            tangentBackward.invokeExact(x1, x1t, x2, x2t, w, wt, gradOut, gradOutT, gradX1T, gradWT, from, to,
                scratch);
        });
    }

    /** The first {@code rows} rows of input-1 features {@code x} into {@code xT}, each row's blocks {@code ir_mul}. */
    void in1ToIrMul(float[] x, float[] xT, int rows) {
        call(() -> {
            in1ToIrMul.invokeExact(x, xT, rows);
        });
    }

    /** The first {@code rows} rows of output-shaped {@code g} into {@code gT}, each row's blocks {@code ir_mul}. */
    void outToIrMul(float[] g, float[] gT, int rows) {
        call(() -> {
            outToIrMul.invokeExact(g, gT, rows);
        });
    }

    /** A method-handle call: its checked throwables can only be the generated code's errors. */
    private interface Call {
        void run() throws Throwable;
    }

    private static void call(Call call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    // Each kernel's scratch has the type of its arrays; shared-weight gradients are double either way.
    private static MethodType convolveType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, int[].class, int[].class, int[].class,
                int.class, int.class, array);
    }

    private static MethodType convolveBackwardType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, array, array, array, double[].class,
                int.class, int[].class, int[].class, int[].class, int.class, int.class, array);
    }

    private static MethodType tangentType() {
        Class<?> a = double[].class;
        return MethodType.methodType(void.class, a, a, a, a, a, a, a, int.class, int.class, a);
    }

    private static MethodType tangentBackwardType() {
        Class<?> a = double[].class;
        return MethodType.methodType(void.class, a, a, a, a, a, a, a, a, a, a, int.class, int.class, a);
    }

    private static MethodType forwardType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, int.class, int.class, array);
    }

    private static MethodType backwardType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, array, array, array, double[].class,
                int.class, int.class, int.class, array);
    }
}
