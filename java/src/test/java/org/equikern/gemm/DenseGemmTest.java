package org.equikern.gemm;

import static org.equikern.testing.FloatArrays.gaussian;
import static org.equikern.testing.ScaledError.assertClose;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DenseGemm} on every route this JVM runs (the plain-Java loops, the Vector API tile, the
 * native sgemm where a system BLAS loads) against brute-force float64 sums over the same float
 * inputs, on shapes that leave remainders in every dimension of the register tiles.
 */
class DenseGemmTest {
    /** A few float32 roundings of sums of up to 300 products of unit-normal values, relative to the largest. */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "rows={0} in={1} out={2}")
    @CsvSource({"1,1,1", "5,7,3", "4,16,64", "9,33,70", "96,256,128", "37,128,200", "300,20,17", "19,9,32",
        "13,40,100"})
    void multiplyOverwritesTheProduct(int rows, int in, int out) {
        for (GemmRoute route : GemmRoute.values()) {
            if (!route.isAvailable()) continue;
            SplittableRandom random = new SplittableRandom(rows * 31L + in * 7L + out);
            float[] a = gaussian(random, rows * in), b = gaussian(random, in * out);
            float[] c = gaussian(random, rows * out + 3);
            float[] tail = Arrays.copyOfRange(c, rows * out, c.length);
            new DenseGemm(route).multiply(a, b, c, rows, in, out);
            double[] expected = new double[rows * out];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < out; j++) {
                    for (int u = 0; u < in; u++) expected[r * out + j] += (double) a[r * in + u] * b[u * out + j];
                }
            }
            assertClose(expected, c, TOLERANCE, route + " multiply");
            assertTrue(Arrays.equals(tail, Arrays.copyOfRange(c, rows * out, c.length)), route + ": c past the shape kept");
        }
    }

    @ParameterizedTest(name = "rows={0} in={1} out={2}")
    @CsvSource({"1,1,1", "5,7,3", "16,4,64", "96,256,128", "33,37,70", "300,20,17", "19,9,32", "13,40,100"})
    void multiplyTransposedAAddsTheWeightGradient(int rows, int in, int out) {
        for (GemmRoute route : GemmRoute.values()) {
            if (!route.isAvailable()) continue;
            SplittableRandom random = new SplittableRandom(rows * 17L + in * 5L + out);
            float[] a = gaussian(random, rows * in), g = gaussian(random, rows * out), p = gaussian(random, in * out);
            double[] expected = new double[in * out];
            for (int u = 0; u < in; u++) {
                for (int j = 0; j < out; j++) {
                    expected[u * out + j] = p[u * out + j];
                    for (int r = 0; r < rows; r++) expected[u * out + j] += (double) a[r * in + u] * g[r * out + j];
                }
            }
            new DenseGemm(route).multiplyTransposedA(a, g, p, rows, in, out);
            assertClose(expected, p, TOLERANCE, route + " multiplyTransposedA");
        }
    }

    @Test
    void shapesBeyondTheArraysAreRejected() {
        DenseGemm gemm = new DenseGemm(GemmRoute.JAVA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemm.multiply(new float[6], new float[9], new float[5], 2, 3, 3));
        assertTrue(e.getMessage().contains("c must hold 2 x 3 = 6 floats, got 5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> gemm.multiplyTransposedA(new float[6], new float[6], new float[9], 2, -3, 3));
        assertTrue(e.getMessage().contains("a must have sizes >= 0, got 2 x -3"), e.getMessage());
    }
}
