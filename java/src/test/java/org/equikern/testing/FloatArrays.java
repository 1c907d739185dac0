package org.equikern.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/** Random float inputs and the float32-against-float64 comparison the float32 kernel tests share. */
public final class FloatArrays {
    private FloatArrays() {
    }

    /** {@code n} standard normal floats (Box–Muller), reproducible from {@code random}. */
    public static float[] gaussian(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - random.nextDouble();
            values[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return values;
    }

    /**
     * Asserts that every element of {@code actual} is within {@code tolerance} times the largest
     * magnitude of {@code expected} of its reference: float32 rounding grows with the values' scale.
     */
    public static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " against largest value " + scale);
    }
}
