package org.equikern.gemm;

import static org.equikern.testing.FloatArrays.gaussian;
import static org.equikern.testing.ScaledError.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The float32 micro-kernels against brute-force float64 sums over the same float inputs, on shapes
 * that exercise every remainder: input channels not a multiple of 4, rows not a multiple of
 * {@link ChannelMix#ROWS} or of {@link ChannelMix#FLUSH_ROWS}, several components, offsets and
 * sample strides wider than the block; on every route (the scalar loops, the Vector API tile, and
 * the native sgemm where this machine has a system BLAS).
 */
class ChannelMixTest {
    /** A few float32 roundings of sums of up to 300 products of unit-normal values, relative to the largest. */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "in={0} out={1} samples={2} components={3}")
    @CsvSource({"1,1,1,1", "7,5,3,3", "8,16,5,1", "13,9,6,5", "128,128,9,3", "35,128,100,3", "70,90,7,3", "33,47,90,3",
            "64,40,7,1"})
    void mixAddsTheChannelProductToTheOutput(int in, int out, int samples, int components) {
        for (ChannelMix mix : routes(in, out)) mixMatchesBruteForce(mix, in, out, samples, components);
    }

    private static void mixMatchesBruteForce(ChannelMix mix, int in, int out, int samples, int components) {
        SplittableRandom random = new SplittableRandom(in * 31L + out);
        int xOffset = 3, xStride = in * components + 5, yOffset = 2, yStride = out * components + 4;
        float[] x = gaussian(random, xOffset + samples * xStride);
        float[][] w = new float[in][];
        for (int u = 0; u < in; u++) w[u] = gaussian(random, out);
        float[] y = gaussian(random, yOffset + samples * yStride);
        double[] expected = new double[y.length];
        for (int i = 0; i < y.length; i++) expected[i] = y[i];
        for (int s = 0; s < samples; s++) {
            for (int v = 0; v < out; v++) {
                for (int i = 0; i < components; i++) {
                    double sum = 0;
                    for (int u = 0; u < in; u++) sum += (double) x[xOffset + s * xStride + u * components + i] * w[u][v];
                    expected[yOffset + s * yStride + v * components + i] += sum;
                }
            }
        }
        mix.mix(x, xOffset, xStride, w, in, out, y, yOffset, yStride, samples, components);
        assertClose(expected, y, TOLERANCE, "y");
    }

    @ParameterizedTest(name = "in={0} out={1} samples={2} components={3}")
    @CsvSource({"1,1,1,1", "7,5,3,3", "6,10,100,3", "128,16,70,5", "40,33,70,5", "128,128,100,3", "37,80,60,1",
            "70,90,7,3"})
    void outerAddsTheScaledBatchSumIntoDouble(int in, int out, int samples, int components) {
        // 100 × 3 and 70 × 5 rows cross the FLUSH_ROWS boundary of the float partial sums.
        for (ChannelMix mix : routes(in, out)) outerMatchesBruteForce(mix, in, out, samples, components);
    }

    private static void outerMatchesBruteForce(ChannelMix mix, int in, int out, int samples, int components) {
        SplittableRandom random = new SplittableRandom(in * 17L + out);
        int xOffset = 1, xStride = in * components + 2, gOffset = 4, gStride = out * components + 3;
        float[] x = gaussian(random, xOffset + samples * xStride);
        float[] g = gaussian(random, gOffset + samples * gStride);
        double scale = 0.25;
        int gwOffset = 6;
        double[] gw = new double[gwOffset + in * out];
        double[] expected = new double[gw.length];
        for (int i = 0; i < gw.length; i++) {
            gw[i] = i;
            expected[i] = i;
        }
        for (int u = 0; u < in; u++) {
            for (int v = 0; v < out; v++) {
                double sum = 0;
                for (int s = 0; s < samples; s++) {
                    for (int i = 0; i < components; i++) {
                        sum += (double) x[xOffset + s * xStride + u * components + i]
                                * g[gOffset + s * gStride + v * components + i];
                    }
                }
                expected[gwOffset + u * out + v] += scale * sum;
            }
        }
        mix.outer(x, xOffset, xStride, g, gOffset, gStride, in, out, samples, components, scale, gw, gwOffset);
        assertClose(expected, gw, TOLERANCE, "gradW");
    }

    @Test
    void shapesBeyondTheScratchAreRefusedNamingTheLimit() {
        ChannelMix mix = new ChannelMix(4, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mix.mix(new float[64], 0, 16, new float[5][8], 5, 8, new float[64], 0, 8, 1, 1));
        assertEquals("in must be in [0, 4], got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> mix.outer(new float[64], 0, 4, new float[64], 0, 9, 4, 9, 1, 1, 1, new double[36], 0));
        assertEquals("out must be in [0, 8], got 9", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ChannelMix(0, 1));
        assertEquals("maxIn must be >= 1, got 0", e.getMessage());
    }

    /**
     * The scalar loops, the Vector API tile (the tests run with {@code --add-modules
     * jdk.incubator.vector}, so it must load) and the native sgemm where this machine has a system
     * BLAS (netlib is on the test class path; the benchmark machine has OpenBLAS): blocks of at least
     * {@link ChannelMix#DENSE_MIN_CHANNELS} channels both ways must take the packed kernels.
     */
    private static List<ChannelMix> routes(int in, int out) {
        List<ChannelMix> routes = new ArrayList<>();
        ChannelMix java = new ChannelMix(in, out, GemmRoute.JAVA);
        assertFalse(java.runsDense(in, out));
        routes.add(java);
        assertTrue(GemmRoute.VECTOR.isAvailable(), "the tests resolve jdk.incubator.vector");
        for (GemmRoute packed : List.of(GemmRoute.VECTOR, GemmRoute.NATIVE)) {
            if (!packed.isAvailable()) continue;
            ChannelMix mix = new ChannelMix(in, out, packed);
            assertEquals(Math.min(in, out) >= ChannelMix.DENSE_MIN_CHANNELS, mix.runsDense(in, out));
            routes.add(mix);
        }
        return routes;
    }
}
