package org.equikern.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares results with a reference relative to the reference's largest magnitude: rounding in a
 * sum grows with the values' scale, so an element-wise relative bound would fail near zeros.
 */
public final class ScaledError {
    private ScaledError() {
    }

    /** Asserts that every element of {@code actual} is within {@code tolerance} × max |expected| of its reference. */
    public static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " against largest value " + scale);
    }

    /** {@link #assertClose(double[], double[], double, String)} for float results. */
    public static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) widened[i] = actual[i];
        assertClose(expected, widened, tolerance, what);
    }
}
