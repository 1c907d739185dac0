package org.equikern.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Rank-revealing Gram–Schmidt in double for vectors of norm at most 1: keeps, in the given order,
 * each vector whose residual after removing the span of those kept before it has norm above
 * {@link #DEPENDENT} (an absolute bound, so a vector that is rounding noise of zero is dropped),
 * orthogonalized against them and scaled to a chosen squared norm. Orthogonalization runs twice
 * per vector ("twice is enough"), so the kept vectors are orthogonal to rounding error even when
 * the input is nearly dependent.
 */
final class Orthonormalizer {
    /** A residual norm at or below this counts as dependent (inputs have norm at most 1). */
    static final double DEPENDENT = 1e-9;
    /** Entries below this magnitude after scaling are rounding noise of exact zeros and set to 0. */
    static final double NOISE = 1e-14;

    private Orthonormalizer() {
    }

    /**
     * An orthogonal basis of the span of {@code vectors} (each of norm at most 1), each basis vector
     * with squared Euclidean norm {@code squaredNorm}. The inputs are not modified.
     */
    static List<double[]> basis(List<double[]> vectors, double squaredNorm) {
        List<double[]> kept = new ArrayList<>();
        for (double[] v : vectors) {
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
            if (residual <= DEPENDENT) {
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
