package org.equikern.nn;

/**
 * The radial Bessel basis of DimeNet: {@code B_n(r) = c · sin(nπr / r_c) / r} for {@code n = 1..N}.
 * The prefactor is {@code c = √(2/r_c)} for {@link #of} (DimeNet, and e3nn's
 * {@code soft_one_hot_linspace(basis="bessel")} with {@code start = 0}) and {@code c = 2/r_c} for
 * {@link #nequip} (NequIP's {@code BesselBasis}, with its frequencies {@code nπ} not trained).
 *
 * <p>At {@code r = 0} the functions take their limits {@code c·nπ/r_c} with derivative 0; near 0 the
 * derivative uses a Taylor series, avoiding the cancellation in {@code (x cos x − sin x)/x²}. The basis is
 * not cut off by itself: beyond {@code r_c} it oscillates, and {@link RadialEmbedding} multiplies it by
 * an envelope. Immutable.
 */
public final class BesselBasis implements RadialBasis {
    /** Below this {@code x = nπr/r_c} the derivative of {@code sin(x)/x} comes from its series (error below 1e-18). */
    private static final double SERIES_BELOW = 0.05;
    /**
     * Below this {@code x} the second derivative of {@code sin(x)/x} comes from its series: the closed
     * form loses about {@code 6ε/x²} relative, the series' first omitted term is below 1e-20 here.
     */
    private static final double SECOND_SERIES_BELOW = 0.1;

    private final double radius;
    private final int number;
    private final double prefactor;

    private BesselBasis(double radius, int number, double prefactor) {
        this.radius = radius;
        this.number = number;
        this.prefactor = prefactor;
    }

    /**
     * {@code N} functions with DimeNet's and e3nn's prefactor {@code √(2/r_c)}.
     *
     * @param radius the cutoff radius r_c, positive and finite
     * @param number the number of functions N, ≥ 1
     * @return the basis
     * @throws IllegalArgumentException for a radius or a number out of range
     */
    public static BesselBasis of(double radius, int number) {
        check(radius, number);
        return new BesselBasis(radius, number, Math.sqrt(2 / radius));
    }

    /**
     * {@code N} functions with NequIP's prefactor {@code 2/r_c}.
     *
     * @param radius the cutoff radius r_c, positive and finite
     * @param number the number of functions N, ≥ 1
     * @return the basis
     * @throws IllegalArgumentException for a radius or a number out of range
     */
    public static BesselBasis nequip(double radius, int number) {
        check(radius, number);
        return new BesselBasis(radius, number, 2 / radius);
    }

    private static void check(double radius, int number) {
        RadialChecks.positiveFinite("BesselBasis", "cutoff radius", radius);
        RadialChecks.atLeast("BesselBasis", "number of functions", number, 1);
    }

    /**
     * The cutoff radius r_c.
     *
     * @return r_c
     */
    public double radius() {
        return radius;
    }

    /**
     * The frequency {@code w_k = (k+1)π/r_c} of function {@code k}, so {@code B_k(r) = c·sin(w_k r)/r}.
     *
     * @param k the function, 0 ≤ k &lt; N
     * @return w_k, in inverse units of the radius
     */
    public double frequency(int k) {
        return (k + 1) * Math.PI / radius;
    }

    /**
     * The {@code |x|} below which the derivative of {@code sin(x)/x} is taken from its Taylor series.
     *
     * @return the threshold
     */
    public static double seriesThreshold() {
        return SERIES_BELOW;
    }

    /**
     * The factor {@code c} in front of {@code sin(nπr/r_c)/r}.
     *
     * @return c
     */
    public double prefactor() {
        return prefactor;
    }

    @Override
    public int size() {
        return number;
    }

    @Override
    public void evaluate(double r, double[] values, double[] derivatives, int at) {
        for (int k = 0; k < number; k++) {
            // B = c·w·sinc(w r) with w = nπ/r_c, so dB/dr = c·w²·sinc'(w r).
            double w = frequency(k);
            double x = w * r;
            values[at + k] = prefactor * w * sinc(x);
            if (derivatives != null) {
                derivatives[at + k] = prefactor * w * w * sincDerivative(x);
            }
        }
    }

    @Override
    public void secondDerivatives(double r, double[] out, int at) {
        for (int k = 0; k < number; k++) {
            double w = frequency(k);
            out[at + k] = prefactor * w * w * w * sincSecondDerivative(w * r);
        }
    }

    /**
     * The {@code |x|} below which the second derivative of {@code sin(x)/x} is taken from its Taylor
     * series (the kernels use the same in double).
     *
     * @return the threshold
     */
    public static double secondSeriesThreshold() {
        return SECOND_SERIES_BELOW;
    }

    private static double sincSecondDerivative(double x) {
        double x2 = x * x;
        if (Math.abs(x) < SECOND_SERIES_BELOW) {
            return -1.0 / 3 + x2 * (1.0 / 10 + x2 * (-1.0 / 168 + x2 * (1.0 / 6480 - x2 / 443520)));
        }
        return ((2 - x2) * Math.sin(x) - 2 * x * Math.cos(x)) / (x2 * x);
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(x) / x;
    }

    private static double sincDerivative(double x) {
        if (Math.abs(x) < SERIES_BELOW) {
            double x2 = x * x;
            return x * (-1.0 / 3 + x2 * (1.0 / 30 + x2 * (-1.0 / 840 + x2 / 45360)));
        }
        return (x * Math.cos(x) - Math.sin(x)) / (x * x);
    }

    @Override
    public String toString() {
        return "BesselBasis(r_c=" + radius + ", N=" + number + ", c=" + prefactor + ")";
    }
}
