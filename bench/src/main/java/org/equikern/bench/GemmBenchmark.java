package org.equikern.bench;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.equikern.gemm.ChannelMix;
import org.equikern.gemm.GemmRoute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The float32 GEMM of a 128 → 128 channel mixing ({@code fctp_uvw_128}'s and Linear's shape), one
 * thread: the library's {@link ChannelMix} on each {@link GemmRoute} (its scalar register-blocked
 * loops, its Vector API tile, the native sgemm behind it, the latter two with their packing)
 * against {@code dev.ludovic.netlib}'s {@code sgemm} called directly, both the implementation
 * {@code BLAS.getInstance()} picks (native when a system BLAS loads, else the best Java one) and the
 * pure-Java {@code JavaBLAS} (the Vector API one where {@code jdk.incubator.vector} is present, as
 * here). Row-major {@code C = A·B} is column-major {@code Cᵀ = Bᵀ·Aᵀ}, so sgemm needs no copies.
 * Scalars ({@code components} 1) are the layout BLAS takes as is. OpenBLAS runs its default threads
 * unless the benchmark is started with {@code OPENBLAS_NUM_THREADS=1} (forks inherit it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class GemmBenchmark {
    /**
     * {@code channelMix} (its scalar loops), {@code channelMixVector}, {@code channelMixNative},
     * {@code netlib} (BLAS.getInstance()) or {@code netlibJava} (JavaBLAS).
     */
    @Param({"channelMix", "channelMixVector", "channelMixNative", "netlib", "netlibJava"})
    public String kernel;

    /** Rows: samples × components (2000 samples of a 1o block at fctp_uvw_128's batch is 6000). */
    @Param("6000")
    public int rows;

    @Param("128")
    public int channels;

    private float[] a;
    private float[] b;
    private float[][] bRows;
    private float[] c;
    private ChannelMix mix;
    private BLAS blas;

    @Setup(Level.Trial)
    public void setUp() {
        a = Precision.toFloat(Precision.gaussian(1, (long) rows * channels));
        b = Precision.toFloat(Precision.gaussian(2, (long) channels * channels));
        bRows = new float[channels][];
        for (int u = 0; u < channels; u++) bRows[u] = Arrays.copyOfRange(b, u * channels, (u + 1) * channels);
        c = new float[rows * channels];
        if (kernel.startsWith("channelMix")) {
            mix = new ChannelMix(channels, channels, route(kernel));
        } else {
            blas = kernel.equals("netlibJava") ? JavaBLAS.getInstance() : BLAS.getInstance();
            System.out.println(kernel + " is " + blas.getClass().getName());
        }
    }

    private static GemmRoute route(String kernel) {
        switch (kernel) {
            case "channelMix":
                return GemmRoute.JAVA;
            case "channelMixVector":
                return GemmRoute.VECTOR;
            case "channelMixNative":
                return GemmRoute.NATIVE;
            default:
                throw new IllegalArgumentException("unknown kernel '" + kernel + "'");
        }
    }

    /** {@code C = A·B}, row-major, rows × channels times channels × channels. */
    @Benchmark
    public float[] multiply() {
        if (mix != null) {
            Arrays.fill(c, 0f);
            mix.mix(a, 0, channels, bRows, channels, channels, c, 0, channels, rows, 1);
        } else {
            blas.sgemm("N", "N", channels, rows, channels, 1f, b, channels, a, channels, 0f, c, channels);
        }
        return c;
    }
}
