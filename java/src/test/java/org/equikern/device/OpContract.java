package org.equikern.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.equikern.device.java.JavaDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the layer-op contracts share: one device per class (so compiled programs are reused), a
 * second device for wrong-device checks, a leak check after every test, and comparisons against
 * the pure-Java layers computed in double on the same (dtype-rounded) inputs.
 */
public abstract class OpContract extends DeviceTestBase {
    /** Bound on |device - oracle| relative to the largest expected magnitude in the row. */
    private static final double F64_TOLERANCE = 1e-13;
    private static final double F32_TOLERANCE = 1e-5;
    /** Batch sizes: one, odd, and around and past the 256-item work group (never a multiple of it). */
    protected static final int[] BATCHES = {1, 7, 255, 301};

    protected Device other;

    @BeforeAll
    void openOther() {
        other = new JavaDevice();
    }

    @AfterAll
    void closeOther() {
        if (other != null) other.close();
    }

    @AfterEach
    void noBufferLeaks() {
        assertEquals(0, device.liveBufferCount(), () -> "leaked: " + device.liveBufferNames());
        assertEquals(0, other.liveBufferCount(), () -> "leaked: " + other.liveBufferNames());
    }

    /** {@code values} as the device holds them in {@code dtype}: rounded to float for FLOAT32. */
    protected static double[] rounded(DType dtype, double[] values) {
        double[] out = values.clone();
        if (dtype == DType.FLOAT32) {
            for (int i = 0; i < out.length; i++) out[i] = (float) out[i];
        }
        return out;
    }

    /** Standard normal values, seeded. */
    protected static double[] gaussian(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i += 2) {
            // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
            double r = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double a = 2 * Math.PI * random.nextDouble();
            out[i] = r * Math.cos(a);
            if (i + 1 < n) out[i + 1] = r * Math.sin(a);
        }
        return out;
    }

    /** The bound on |device - oracle| relative to the magnitude of the values compared. */
    protected static double tolerance(DType dtype) {
        return dtype == DType.FLOAT64 ? F64_TOLERANCE : F32_TOLERANCE;
    }

    /**
     * Asserts that {@code actual} matches {@code expected} row by row ({@code width} values per
     * row), within the dtype's tolerance times the row's largest expected magnitude (at least 1).
     */
    protected static void assertClose(double[] expected, double[] actual, int width, DType dtype, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double tolerance = tolerance(dtype);
        for (int row = 0; row * width < expected.length; row++) {
            double scale = 1;
            for (int k = row * width; k < (row + 1) * width; k++) scale = Math.max(scale, Math.abs(expected[k]));
            for (int k = row * width; k < (row + 1) * width; k++) {
                double error = Math.abs(actual[k] - expected[k]);
                if (!(error <= tolerance * scale)) {
                    fail(what + " " + dtype + ": element " + k + " (row " + row + "): expected " + expected[k]
                            + ", got " + actual[k] + ", error " + error + " > " + tolerance * scale);
                }
            }
        }
    }
}
