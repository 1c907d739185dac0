package org.equikern.nn;

/**
 * NequIP's (and DimeNet's) polynomial envelope: with {@code x = r / r_c},
 * <pre>
 * u(r) = 1 − (p+1)(p+2)/2 · x^p + p(p+2) · x^(p+1) − p(p+1)/2 · x^(p+2)   for x &lt; 1,
 * u(r) = 0                                                               for x ≥ 1.
 * </pre>
 * u(0) = 1 and u, u', u'' vanish at {@code r_c}, so features fade smoothly as an edge leaves the cutoff.
 * The derivative is evaluated in the factored form {@code du/dr = −p(p+1)(p+2)/2 · x^(p−1) (1−x)² / r_c},
 * which has no cancellation near the cutoff. Immutable.
 */
public final class PolynomialCutoff {
    /** NequIP's default exponent. */
    public static final double DEFAULT_EXPONENT = 6;

    private final double radius;
    private final double p;
    private final double a;
    private final double b;
    private final double c;

    private PolynomialCutoff(double radius, double p) {
        RadialChecks.positiveFinite("PolynomialCutoff", "cutoff radius", radius);
        // Below 1, x^(p−1) and so du/dr would be infinite at r = 0 (a zero-length edge).
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("PolynomialCutoff: exponent p must be finite and >= 1, got " + p);
        }
        this.radius = radius;
        this.p = p;
        this.a = (p + 1) * (p + 2) / 2;
        this.b = p * (p + 2);
        this.c = p * (p + 1) / 2;
    }

    /**
     * The envelope with exponent 6.
     *
     * @param radius the cutoff radius r_c, positive and finite
     * @return the envelope
     * @throws IllegalArgumentException for a radius that is not positive and finite
     */
    public static PolynomialCutoff of(double radius) {
        return new PolynomialCutoff(radius, DEFAULT_EXPONENT);
    }

    /**
     * The envelope {@code u(r)} with exponent p (NequIP's {@code PolynomialCutoff}).
     *
     * @param radius the cutoff radius r_c, positive and finite
     * @param exponent p, finite and ≥ 1
     * @return the envelope
     * @throws IllegalArgumentException when the radius is not positive and finite or {@code p < 1}
     */
    public static PolynomialCutoff of(double radius, double exponent) {
        return new PolynomialCutoff(radius, exponent);
    }

    /**
     * The cutoff radius {@code r_c}.
     *
     * @return r_c
     */
    public double radius() {
        return radius;
    }

    /**
     * The exponent {@code p}.
     *
     * @return p
     */
    public double exponent() {
        return p;
    }

    /**
     * {@code u(r)}.
     *
     * @param r the distance, ≥ 0
     * @return u(r) in [0, 1]; 0 for r ≥ r_c
     */
    public double value(double r) {
        double x = r / radius;
        if (!(x < 1)) {
            return 0;
        }
        double xp = Math.pow(x, p);
        return 1 - a * xp + b * xp * x - c * xp * x * x;
    }

    /**
     * {@code du/dr}.
     *
     * @param r the distance, ≥ 0
     * @return du/dr; 0 for r ≥ r_c
     */
    public double derivative(double r) {
        double x = r / radius;
        if (!(x < 1)) {
            return 0;
        }
        double oneMinus = 1 - x;
        return -p * a * Math.pow(x, p - 1) * oneMinus * oneMinus / radius;
    }

    /**
     * {@code d²u/dr² = −p·a · x^(p−2) (1−x) (p − 1 − (p+1)x) / r_c²} with {@code a = (p+1)(p+2)/2},
     * factored like {@link #derivative}; 0 from the cutoff on.
     *
     * @param r the distance, &gt; 0
     * @return the second derivative
     */
    public double secondDerivative(double r) {
        double x = r / radius;
        if (!(x < 1)) {
            return 0;
        }
        return -p * a * Math.pow(x, p - 2) * (1 - x) * (p - 1 - (p + 1) * x) / (radius * radius);
    }

    @Override
    public String toString() {
        return "PolynomialCutoff(r_c=" + radius + ", p=" + p + ")";
    }
}
