package org.equikern.group;

import java.util.Arrays;

/**
 * The harmonics recursion rewritten, where exact, with at most two terms per component: component k of
 * degree l ≥ 2 as c·u·Y_j + c'·u'·Y_j', each u an axis times a component of degree l − 1 or {@link #R2}
 * (x² + y² + z²) times one of degree l − 2 (the classic real-harmonics recurrences, found by fitting the
 * components' polynomials rather than by formula, so that they hold in whatever basis the raising recursion
 * builds). A component with no exact two-term form, or whose terms cancel too far for float, keeps its raising
 * terms.
 * Degrees up to {@link #MAX_FITTED_DEGREE} are rewritten. At lmax 6: 99 terms for 158 (measured
 * single-threaded on the Vector API kernel, 1 M vectors: about 9% less CPU time with the output in cache, 7%
 * writing it to memory).
 */
final class TwoTermRecursion {
    /** The pseudo-axis of x² + y² + z², after the three coordinate axes. */
    static final int R2 = 3;
    /** Sample directions for {@link #cancellation}. */
    private static final double[][] SAMPLES = samples(64);
    /**
     * The most cancellation accepted in a rewritten component (see {@link #cancellation}): the float error
     * grows with it (measured by {@code FloatHarmonicsTest} against the double evaluation, then with a flat
     * bound of 2e-6: within it up to lmax 12 at 2.5, past it at 3 and where every fit was taken); at 2, 99
     * terms remain of 158 at lmax 6.
     */
    private static final double MAX_CANCELLATION = 2;
    /**
     * The highest degree rewritten; higher ones keep their raising terms. The fit's cost grows about as l⁶
     * (measured, building the harmonics on a cold JVM: +10 ms at lmax 6, +40 ms at lmax 8, +100 ms at lmax 12,
     * over a second at lmax 20, and {@link SphericalHarmonics#MAX_L} is 100); its gain was measured at lmax 6.
     */
    static final int MAX_FITTED_DEGREE = 6;
    /** Relative residual norm below which a fit counts as exact (the polynomials are exact to about 1e-15). */
    private static final double EXACT = 1e-11;

    /** The terms of component k are [start[k], start[k + 1]), grouped by destination like the raising ones. */
    final int[] start;
    final int[] axis;
    final int[] source;
    final double[] coefficient;
    /**
     * Per component: the factor σ_k by which its row falls short of the harmonic (row k holds Y_k / σ_k),
     * chosen so that a rewritten component's axis term has coefficient 1, a product and a rounding fewer.
     */
    final double[] rowScale;

    private TwoTermRecursion(int[] start, int[] axis, int[] source, double[] coefficient, double[] rowScale) {
        this.start = start;
        this.axis = axis;
        this.source = source;
        this.coefficient = coefficient;
        this.rowScale = rowScale;
    }

    /** Rewrites the raising recursion grouped by destination ({@link SphericalHarmonics}'s tables). */
    static TwoTermRecursion of(int dim, int[] start, int[] axis, int[] source, double[] coefficient) {
        int fitted = Math.min(dim, (MAX_FITTED_DEGREE + 1) * (MAX_FITTED_DEGREE + 1));
        double[][] polynomial = polynomials(fitted, start, axis, source, coefficient);
        int[] newStart = new int[dim + 1];
        int[] newAxis = new int[axis.length];
        int[] newSource = new int[axis.length];
        double[] newCoefficient = new double[axis.length];
        double[] rowScale = new double[dim];
        rowScale[0] = 1;
        int next = 0;
        for (int k = 1; k < dim; k++) {
            newStart[k] = next;
            Term[] fit = degree(k) >= 2 && k < fitted ? fit(polynomial, k) : null;
            if (fit == null || fit.length >= start[k + 1] - start[k]) {
                fit = new Term[start[k + 1] - start[k]];
                for (int t = start[k]; t < start[k + 1]; t++) {
                    fit[t - start[k]] = new Term(axis[t], source[t], coefficient[t]);
                }
                rowScale[k] = 1;
            } else {
                rowScale[k] = fit[0].coefficient * rowScale[fit[0].source];
            }
            for (Term term : fit) {
                newAxis[next] = term.axis;
                newSource[next] = term.source;
                newCoefficient[next++] = term.coefficient * rowScale[term.source] / rowScale[k];
            }
        }
        newStart[dim] = next;
        return new TwoTermRecursion(newStart, Arrays.copyOf(newAxis, next), Arrays.copyOf(newSource, next),
                Arrays.copyOf(newCoefficient, next), rowScale);
    }

    /** One term: coefficient · axis (or r²) · Y_source. */
    private record Term(int axis, int source, double coefficient) {}

    private static int degree(int k) {
        return (int) Math.sqrt(k);
    }

    /**
     * Each component as a homogeneous polynomial of its degree d: the coefficient of x^i y^j z^(d−i−j) at
     * i·(d + 1) + j.
     */
    private static double[][] polynomials(int dim, int[] start, int[] axis, int[] source, double[] coefficient) {
        double[][] polynomial = new double[dim][];
        polynomial[0] = new double[] {1};
        for (int k = 1; k < dim; k++) {
            polynomial[k] = new double[(degree(k) + 1) * (degree(k) + 1)];
            for (int t = start[k]; t < start[k + 1]; t++) {
                double[] product = times(axis[t], polynomial[source[t]]);
                for (int e = 0; e < product.length; e++) polynomial[k][e] += coefficient[t] * product[e];
            }
        }
        return polynomial;
    }

    /** The polynomial p of degree d times an axis or {@link #R2}, of degree d + 1 or d + 2. */
    private static double[] times(int axis, double[] p) {
        if (axis == R2) {
            double[] sum = times(0, times(0, p));
            double[] yy = times(1, times(1, p));
            double[] zz = times(2, times(2, p));
            for (int e = 0; e < sum.length; e++) sum[e] += yy[e] + zz[e];
            return sum;
        }
        int d = (int) Math.sqrt(p.length) - 1;
        double[] product = new double[(d + 2) * (d + 2)];
        for (int i = 0; i <= d; i++) {
            for (int j = 0; i + j <= d; j++) {
                int to = axis == 0 ? (i + 1) * (d + 2) + j : axis == 1 ? i * (d + 2) + j + 1 : i * (d + 2) + j;
                product[to] = p[i * (d + 1) + j];
            }
        }
        return product;
    }

    /**
     * An exact form of component k in one term, else the exact pair of least {@link #cancellation} within
     * {@link #MAX_CANCELLATION}, the axis term first; null where there is none.
     */
    private static Term[] fit(double[][] polynomial, int k) {
        int l = degree(k);
        double[] target = polynomial[k];
        int candidates = 3 * (2 * l - 1) + 2 * l - 3;
        int[] candidateAxis = new int[candidates];
        int[] candidateSource = new int[candidates];
        double[][] candidate = new double[candidates][];
        int n = 0;
        for (int j = (l - 1) * (l - 1); j < l * l; j++) {
            for (int a = 0; a < 3; a++) n = add(candidateAxis, candidateSource, candidate, n, a, j, target, polynomial);
        }
        for (int i = (l - 2) * (l - 2); i < (l - 1) * (l - 1); i++) {
            n = add(candidateAxis, candidateSource, candidate, n, R2, i, target, polynomial);
        }
        double norm = dot(target, target);
        for (int u = 0; u < n; u++) {
            double alpha = dot(target, candidate[u]) / dot(candidate[u], candidate[u]);
            if (residual(target, alpha, candidate[u], 0, candidate[u]) <= EXACT * EXACT * norm) {
                return new Term[] {new Term(candidateAxis[u], candidateSource[u], alpha)};
            }
        }
        Term[] best = null;
        double bestGrowth = 0;
        for (int u = 0; u < n; u++) {
            for (int v = u + 1; v < n; v++) {
                double uu = dot(candidate[u], candidate[u]);
                double uv = dot(candidate[u], candidate[v]);
                double vv = dot(candidate[v], candidate[v]);
                double ut = dot(candidate[u], target);
                double vt = dot(candidate[v], target);
                double det = uu * vv - uv * uv;
                if (det == 0) continue;
                double alpha = (ut * vv - vt * uv) / det;
                double beta = (vt * uu - ut * uv) / det;
                if (residual(target, alpha, candidate[u], beta, candidate[v]) > EXACT * EXACT * norm) continue;
                Term[] pair = {new Term(candidateAxis[u], candidateSource[u], alpha),
                    new Term(candidateAxis[v], candidateSource[v], beta)};
                double growth = cancellation(target, alpha, candidate[u], beta, candidate[v]);
                if (growth > MAX_CANCELLATION || best != null && growth >= bestGrowth) continue;
                best = pair;
                bestGrowth = growth;
            }
        }
        return best;
    }

    /**
     * Adds axis · Y_source as a candidate, an axis term only where it overlaps the target (the raising terms
     * do; an r² term may cancel part of one without overlapping: 3y² − r² and r² are orthogonal coefficient
     * vectors).
     */
    private static int add(int[] candidateAxis, int[] candidateSource, double[][] candidate, int n, int axis,
            int source, double[] target, double[][] polynomial) {
        double[] p = times(axis, polynomial[source]);
        if (axis != R2 && Math.abs(dot(p, target)) <= EXACT * Math.sqrt(dot(p, p) * dot(target, target))) return n;
        candidateAxis[n] = axis;
        candidateSource[n] = source;
        candidate[n] = p;
        return n + 1;
    }

    /**
     * How far the two terms cancel on the unit sphere: max(|alpha·u| + |beta·v|) / max|target| over sample
     * directions, the factor by which the terms' rounding errors exceed the result's.
     */
    private static double cancellation(double[] target, double alpha, double[] u, double beta, double[] v) {
        double terms = 0;
        double result = 0;
        for (double[] p : SAMPLES) {
            terms = Math.max(terms, Math.abs(alpha * value(u, p)) + Math.abs(beta * value(v, p)));
            result = Math.max(result, Math.abs(value(target, p)));
        }
        return terms / result;
    }

    /** The polynomial at direction p. */
    private static double value(double[] polynomial, double[] p) {
        int d = (int) Math.sqrt(polynomial.length) - 1;
        double sum = 0;
        for (int i = 0; i <= d; i++) {
            for (int j = 0; i + j <= d; j++) {
                sum += polynomial[i * (d + 1) + j] * Math.pow(p[0], i) * Math.pow(p[1], j) * Math.pow(p[2], d - i - j);
            }
        }
        return sum;
    }

    /** Directions spread over the sphere (a Fibonacci lattice). */
    private static double[][] samples(int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double y = 1 - (2 * i + 1.0) / n;
            double r = Math.sqrt(1 - y * y);
            double phi = i * Math.PI * (3 - Math.sqrt(5));
            p[i] = new double[] {r * Math.cos(phi), y, r * Math.sin(phi)};
        }
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int e = 0; e < a.length; e++) sum += a[e] * b[e];
        return sum;
    }

    /** |target − alpha·u − beta·v|². */
    private static double residual(double[] target, double alpha, double[] u, double beta, double[] v) {
        double sum = 0;
        for (int e = 0; e < target.length; e++) {
            double r = target[e] - alpha * u[e] - beta * v[e];
            sum += r * r;
        }
        return sum;
    }
}
