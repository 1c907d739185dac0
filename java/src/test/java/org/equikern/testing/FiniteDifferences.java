package org.equikern.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleFunction;
import java.util.function.DoubleSupplier;

/** Numeric derivatives for checking analytic gradients. */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    /**
     * Central-difference gradient of {@code loss} with respect to every entry of {@code v}, with
     * step {@code h} (entries restored afterwards).
     */
    public static double[] gradient(double[] v, DoubleSupplier loss, double h) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + h;
            double plus = loss.getAsDouble();
            v[i] = keep - h;
            double minus = loss.getAsDouble();
            v[i] = keep;
            out[i] = (plus - minus) / (2 * h);
        }
        return out;
    }

    /**
     * The central difference {@code (f(h) − f(−h)) / 2h} of a vector function of one parameter,
     * entry by entry: the derivative along a direction when {@code f(t)} evaluates at {@code x + t·ẋ}.
     */
    public static double[] alongDirection(DoubleFunction<double[]> f, double h) {
        double[] plus = f.apply(h);
        double[] minus = f.apply(-h);
        double[] out = new double[plus.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return out;
    }

    /** {@code x + t·direction}, entry by entry. */
    public static double[] shifted(double[] x, double t, double[] direction) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + t * direction[i];
        }
        return out;
    }

    /** The vectors one after the other: several outputs of one evaluation, differenced in one pass. */
    public static double[] concatenated(double[]... parts) {
        int length = 0;
        for (double[] part : parts) length = Math.addExact(length, part.length);
        double[] out = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /**
     * Asserts {@code actual} against {@code expected[from ...]} row by row, each entry within {@code tolerance}
     * times its row's largest expected magnitude (at least 1): a central difference errs relative to its values.
     */
    public static void assertRowsWithin(double[] expected, int from, double[] actual, int width, double tolerance,
                                        String what) {
        for (int row = 0; row * width < actual.length; row++) {
            double scale = 1;
            for (int k = row * width; k < (row + 1) * width; k++) scale = Math.max(scale, Math.abs(expected[from + k]));
            for (int k = row * width; k < (row + 1) * width; k++) {
                assertEquals(expected[from + k], actual[k], tolerance * scale, what + ": element " + k);
            }
        }
    }
}
