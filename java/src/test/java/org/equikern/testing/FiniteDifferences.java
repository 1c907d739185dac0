package org.equikern.testing;

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
}
