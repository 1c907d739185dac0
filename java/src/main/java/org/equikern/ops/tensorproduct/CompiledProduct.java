package org.equikern.ops.tensorproduct;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.equikern.concurrent.LruCache;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;

/**
 * A channel-wise plan's kernels compiled into a class of their own ({@link ChannelWiseSource}),
 * called through method handles once per chunk of samples. Plans qualify when every path is
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
    /** Doubles of scratch each calling thread passes. */
    final int scratchLength;

    private CompiledProduct(Class<?> generated, int scratchLength) {
        this.scratchLength = scratchLength;
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

    /** Compiles {@code kernel}'s class regardless of size or the system property (tests), or null. */
    static CompiledProduct compile(FlatPlan kernel) {
        String name = "ChannelWise" + NAMES.incrementAndGet();
        String source = ChannelWiseSource.generate(kernel, PACKAGE, name);
        if (source == null) return null;
        Class<?> generated = InMemoryCompiler.compile(PACKAGE, name, source);
        return generated == null ? null : new CompiledProduct(generated, ChannelWiseSource.scratchLength(kernel));
    }

    private static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty("equikern.specialize"));
    }

    /** Samples {@code from..to} of a forward pass; arrays all double[] or all float[]. */
    void forward(Object x1, Object x2, Object w, Object out, int from, int to, double[] scratch) {
        call(() -> {
            if (x1 instanceof double[]) {
                forwardDouble.invokeExact((double[]) x1, (double[]) x2, (double[]) w, (double[]) out, from, to, scratch);
            } else {
                forwardFloat.invokeExact((float[]) x1, (float[]) x2, (float[]) w, (float[]) out, from, to, scratch);
            }
        });
    }

    /**
     * Samples {@code from..to} of a backward pass: gradients that are null are skipped; per-sample
     * weight gradients are written into {@code gradW}, shared ones added into
     * {@code sharedGradW} at {@code sharedBase}.
     */
    void backward(Object x1, Object x2, Object w, Object gradOut, Object gradX1, Object gradX2, Object gradW,
                  double[] sharedGradW, int sharedBase, int from, int to, double[] scratch) {
        call(() -> {
            if (x1 instanceof double[]) {
                backwardDouble.invokeExact((double[]) x1, (double[]) x2, (double[]) w, (double[]) gradOut,
                        (double[]) gradX1, (double[]) gradX2, (double[]) gradW, sharedGradW, sharedBase, from, to,
                        scratch);
            } else {
                backwardFloat.invokeExact((float[]) x1, (float[]) x2, (float[]) w, (float[]) gradOut,
                        (float[]) gradX1, (float[]) gradX2, (float[]) gradW, sharedGradW, sharedBase, from, to,
                        scratch);
            }
        });
    }

    /**
     * Target nodes {@code from..to} of the fused convolution: node n sums the product over its
     * incoming edges {@code order[offsets[n]..offsets[n+1]]}, edge e reading node {@code src[e]}.
     */
    void convolve(Object x, Object attrs, Object w, Object out, int[] src, int[] order, int[] offsets, int from,
                  int to, double[] scratch) {
        call(() -> {
            if (x instanceof double[]) {
                convolveDouble.invokeExact((double[]) x, (double[]) attrs, (double[]) w, (double[]) out, src, order,
                        offsets, from, to, scratch);
            } else {
                convolveFloat.invokeExact((float[]) x, (float[]) attrs, (float[]) w, (float[]) out, src, order,
                        offsets, from, to, scratch);
            }
        });
    }

    /**
     * Source nodes {@code from..to} of the convolution's backward pass: node n's outgoing edges
     * {@code order[offsets[n]..offsets[n+1]]} give its feature gradient; each edge's attribute and
     * weight gradients are written (shared weights: added into {@code sharedGradW}).
     */
    void convolveBackward(Object x, Object attrs, Object w, Object gradOut, Object gradX, Object gradAttrs,
                          Object gradW, double[] sharedGradW, int sharedBase, int[] dst, int[] order, int[] offsets,
                          int from, int to, double[] scratch) {
        call(() -> {
            if (x instanceof double[]) {
                convolveBackwardDouble.invokeExact((double[]) x, (double[]) attrs, (double[]) w, (double[]) gradOut,
                        (double[]) gradX, (double[]) gradAttrs, (double[]) gradW, sharedGradW, sharedBase, dst, order,
                        offsets, from, to, scratch);
            } else {
                convolveBackwardFloat.invokeExact((float[]) x, (float[]) attrs, (float[]) w, (float[]) gradOut,
                        (float[]) gradX, (float[]) gradAttrs, (float[]) gradW, sharedGradW, sharedBase, dst, order,
                        offsets, from, to, scratch);
            }
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

    private static MethodType convolveType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, int[].class, int[].class, int[].class,
                int.class, int.class, double[].class);
    }

    private static MethodType convolveBackwardType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, array, array, array, double[].class,
                int.class, int[].class, int[].class, int[].class, int.class, int.class, double[].class);
    }

    private static MethodType forwardType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, int.class, int.class, double[].class);
    }

    private static MethodType backwardType(Class<?> array) {
        return MethodType.methodType(void.class, array, array, array, array, array, array, array, double[].class,
                int.class, int.class, int.class, double[].class);
    }
}
