package org.equikern.ops.jets;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Test helpers for the jet ops: seeded random arrays and central finite differences. */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /** n standard-normal values from a seeded generator. */
    public static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    /** Σ a·b. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /**
     * The central difference (f(x + h·e_i) − f(x − h·e_i)) / 2h for every i, restoring x afterwards.
     */
    public static double[] gradient(double[] x, double h, ToDoubleFunction<double[]> f) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + h;
            double plus = f.applyAsDouble(x);
            x[i] = keep - h;
            double minus = f.applyAsDouble(x);
            x[i] = keep;
            g[i] = (plus - minus) / (2 * h);
        }
        return g;
    }

    /** max |a − b| / max(1, max |b|). */
    public static double relativeError(double[] a, double[] b) {
        double diff = 0;
        double scale = 1;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }
}
