package org.equikern.gemm;

import java.util.Locale;

/**
 * Which kernel multiplies {@link ChannelMix}'s blocks of at least {@link ChannelMix#DENSE_MIN_CHANNELS}
 * channels both ways (smaller blocks always run {@link #JAVA}). The system property {@value #PROPERTY}
 * ({@code auto}, the default, or a route's name) chooses; it is read whenever a {@code ChannelMix}
 * is made, i.e. when a layer or plan first makes its scratch. {@code auto} takes {@link #VECTOR}
 * where the JVM resolved {@code jdk.incubator.vector}: through {@code ChannelMix}, its 4 × 4-vector
 * register tile ran the 6000 × 128 × 128 GEMM as fast as OpenBLAS's sgemm called directly, 1.25×
 * faster than the {@link #NATIVE} route with the same packing and 2.2× faster than the 6 × 2 tile
 * it replaced (CPU time per call, one thread; README, Performance). Without the module, {@code auto}
 * takes {@link #NATIVE} when the system BLAS loads and the environment pins OpenBLAS to one
 * thread ({@code OPENBLAS_NUM_THREADS=1}, {@link NativeSgemm#pinnedToOneThread}): each fork-join
 * worker then runs its own single-threaded sgemm, and OpenBLAS's own threads cannot oversubscribe
 * the cores; else {@link #JAVA}.
 */
public enum GemmRoute {
    /** {@link ChannelMix}'s scalar register-blocked loops on the strided layout, no packing; always available. */
    JAVA,
    /** Packed blocks through a Vector API register tile ({@link VectorKernel}). */
    VECTOR,
    /** Packed blocks through the system's native sgemm ({@link NativeSgemm}, netlib + OpenBLAS or similar). */
    NATIVE;

    /** The system property that chooses the route. */
    public static final String PROPERTY = "equikern.gemm";
    /** The Vector API kernel, or null without the incubator module; decided once. */
    private static final class VectorHolder {
        static final DenseKernel KERNEL = VectorKernel.load();
    }

    /** The native kernel, or null without netlib or a system BLAS; decided once. */
    private static final class NativeHolder {
        static final DenseKernel KERNEL = NativeSgemm.load();
    }

    /**
     * The route {@value #PROPERTY} names now, {@code auto} resolved as the class comment says.
     *
     * @return the route new {@code ChannelMix} instances take
     * @throws IllegalArgumentException for a value that names no route
     */
    public static GemmRoute configured() {
        String name = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (name.equals("auto")) return automatic();
        for (GemmRoute route : values()) {
            if (route.name().toLowerCase(Locale.ROOT).equals(name)) return route;
        }
        throw new IllegalArgumentException("unknown " + PROPERTY + " '" + name + "'; known: auto, java, vector, native");
    }

    /** The {@code auto} choice in this JVM. */
    static GemmRoute automatic() {
        return automatic(VECTOR.isAvailable(), NativeSgemm.pinnedToOneThread(System.getenv()), NATIVE.isAvailable());
    }

    /**
     * The {@code auto} choice given whether the Vector API kernel loads, OpenBLAS's thread variables
     * and whether the native BLAS loads.
     */
    static GemmRoute automatic(boolean vectorLoaded, boolean pinnedToOneThread, boolean nativeLoaded) {
        if (vectorLoaded) return VECTOR;
        return pinnedToOneThread && nativeLoaded ? NATIVE : JAVA;
    }

    /**
     * Whether this route can run in this JVM.
     *
     * @return true for {@link #JAVA}; for the others whether their kernel loaded
     */
    public boolean isAvailable() {
        return this == JAVA || kernelOrNull() != null;
    }

    /** The packed kernel, null for {@link #JAVA}; {@link IllegalStateException} naming what is missing. */
    DenseKernel kernel() {
        DenseKernel kernel = kernelOrNull();
        if (this == JAVA || kernel != null) return kernel;
        throw new IllegalStateException(this == VECTOR
                ? "gemm route vector needs the module jdk.incubator.vector: run with --add-modules jdk.incubator.vector"
                : "gemm route native needs dev.ludovic.netlib:blas on the class path and a system BLAS (libblas.so.3)");
    }

    private DenseKernel kernelOrNull() {
        switch (this) {
            case VECTOR:
                return VectorHolder.KERNEL;
            case NATIVE:
                return NativeHolder.KERNEL;
            default:
                return null;
        }
    }
}
