package org.equikern.ops.tensorproduct;

import static org.equikern.testing.FloatArrays.gaussian;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.gemm.VectorApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChannelRows} on the Vector API (the tests resolve {@code jdk.incubator.vector}) and its
 * plain-Java fallback, called directly, against exact elementwise results and a float64 dot, on row
 * lengths below, at and past a vector with a remainder, at offsets that share one array.
 */
class ChannelRowsTest {
    private static final int[] LENGTHS = {1, 7, 16, 37, 128, 131};

    @Test
    void theTestsRunTheVectorKernels() {
        assertTrue(VectorApi.isAvailable(), "surefire runs with --add-modules jdk.incubator.vector");
    }

    @Test
    void scaleAndAxpyMatchElementwiseProducts() {
        for (int n : LENGTHS) {
            SplittableRandom random = new SplittableRandom(n);
            float[] x = gaussian(random, n + 5), y = gaussian(random, n + 9);
            float s = 0.75f;
            float[] scaled = y.clone(), plainScaled = y.clone(), added = y.clone(), plainAdded = y.clone();
            float[] expectedScaled = y.clone(), expectedAdded = y.clone();
            for (int u = 0; u < n; u++) {
                expectedScaled[4 + u] = s * x[3 + u];
                expectedAdded[4 + u] = Math.fma(s, x[3 + u], y[4 + u]);
            }
            ChannelRows.scale(s, x, 3, scaled, 4, n);
            ChannelRows.plainScale(s, x, 3, plainScaled, 4, n);
            ChannelRows.axpy(s, x, 3, added, 4, n);
            ChannelRows.plainAxpy(s, x, 3, plainAdded, 4, n);
            assertArrayEquals(expectedScaled, scaled, "scale n=" + n);
            assertArrayEquals(expectedScaled, plainScaled, "plain scale n=" + n);
            assertArrayEquals(expectedAdded, added, "axpy n=" + n);
            assertArrayEquals(expectedAdded, plainAdded, "plain axpy n=" + n);
        }
    }

    @Test
    void dotMatchesTheFloat64Sum() {
        for (int n : LENGTHS) {
            SplittableRandom random = new SplittableRandom(31 + n);
            float[] a = gaussian(random, 2 * n + 3);
            double expected = 0, magnitude = 0;
            // Both rows in one array, as the backward pass reads them.
            for (int u = 0; u < n; u++) {
                expected += (double) a[1 + u] * a[n + 3 + u];
                magnitude += Math.abs((double) a[1 + u] * a[n + 3 + u]);
            }
            double bound = 1e-6 * magnitude;
            assertEquals(expected, ChannelRows.dot(a, 1, a, n + 3, n), bound, "dot n=" + n);
            assertEquals(expected, ChannelRows.plainDot(a, 1, a, n + 3, n), bound, "plain dot n=" + n);
        }
    }

    @ParameterizedTest(name = "dim={0}")
    @ValueSource(ints = {1, 3, 5, 7})
    void gatherAndScatterTransposeOneBlock(int dim) {
        for (int mul : LENGTHS) {
            float[] src = new float[2 + mul * dim];
            for (int q = 0; q < src.length; q++) src[q] = q;
            float[] expected = new float[3 + mul * dim];
            for (int u = 0; u < mul; u++) {
                for (int i = 0; i < dim; i++) expected[3 + i * mul + u] = 2 + u * dim + i;
            }
            float[] gathered = new float[expected.length], plainGathered = new float[expected.length];
            ChannelRows.gather(src, 2, mul, dim, gathered, 3);
            ChannelRows.plainGather(src, 2, mul, dim, plainGathered, 3);
            assertArrayEquals(expected, gathered, "gather mul=" + mul);
            assertArrayEquals(expected, plainGathered, "plain gather mul=" + mul);

            float[] back = new float[src.length], plainBack = new float[src.length];
            ChannelRows.scatter(gathered, 3, mul, dim, back, 2);
            ChannelRows.plainScatter(gathered, 3, mul, dim, plainBack, 2);
            float[] expectedBack = src.clone();
            Arrays.fill(expectedBack, 0, 2, 0f);
            assertArrayEquals(expectedBack, back, "scatter mul=" + mul);
            assertArrayEquals(expectedBack, plainBack, "plain scatter mul=" + mul);
        }
    }
}
