package org.equikern.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Rank-revealing Gram–Schmidt in double: keeps, in the given order, each vector that is not (to
 * rounding) in the span of those kept before it, orthogonalized against them and scaled to a
 * chosen squared norm. Orthogonalization runs twice per vector ("twice is enough"), so the kept
 * vectors are orthogonal to rounding error even when the input is nearly dependent.
 */
final class Orthonormalizer {
    /** A vector whose residual keeps less than this fraction of its norm counts as dependent. */
    static final double DEPENDENT = 1e-9;
    /** Entries below this magnitude after scaling are rounding noise of exact zeros and set to 0. */
    static final double NOISE = 1e-14;

    private Orthonormalizer() {
    }

    /**
     * An orthogonal basis of the span of {@code vectors}, each basis vector with squared Euclidean
     * norm {@code squaredNorm}. The inputs are not modified.
     */
    static List<double[]> basis(List<double[]> vectors, double squaredNorm) {
        List<double[]> kept = new ArrayList<>();
        for (double[] v : vectors) {
            double original = norm(v);
            if (original == 0) {
                continue;
            }
            double[] r = v.clone();
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : kept) {
                    double c = dot(q, r) / squaredNorm;
                    for (int i = 0; i < r.length; i++) {
                        r[i] -= c * q[i];
                    }
                }
            }
            double residual = norm(r);
            if (residual <= DEPENDENT * original) {
                continue;
            }
            double scale = Math.sqrt(squaredNorm) / residual;
            for (int i = 0; i < r.length; i++) {
                double x = r[i] * scale;
                r[i] = Math.abs(x) < NOISE ? 0.0 : x;
            }
            kept.add(r);
        }
        return kept;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
