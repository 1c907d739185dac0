package org.equikern.nn;

/**
 * Gaussians on evenly spaced centres, e3nn's {@code soft_one_hot_linspace(r, start, end, N,
 * basis="gaussian", cutoff)}: {@code B_k(r) = exp(−((r − μ_k)/σ)²) / 1.12}, where {@code σ} is the
 * spacing of the centres and 1.12 is e3nn's constant that makes {@code Σ_k B_k²} about 1 inside the range.
 * <ul>
 *   <li>{@link #of}: e3nn's {@code cutoff=False}, {@code μ_k = start + kσ} for {@code k = 0..N−1},
 *       {@code σ = (end − start)/(N − 1)} (the centres include both ends);</li>
 *   <li>{@link #interior}: e3nn's {@code cutoff=True} (NequIP's {@code e3nn_basis}),
 *       {@code μ_k = start + (k+1)σ}, {@code σ = (end − start)/(N + 1)} (the ends are left out).</li>
 * </ul>
 * Immutable.
 */
public final class GaussianBasis implements RadialBasis {
    /** e3nn's normalization divisor. */
    private static final double E3NN_DIVISOR = 1.12;

    private final double first;
    private final double width;
    private final int number;

    private GaussianBasis(double first, double width, int number) {
        this.first = first;
        this.width = width;
        this.number = number;
    }

    /**
     * {@code N >= 2} centres from {@code start} to {@code end} inclusive.
     *
     * @param start the first centre
     * @param end the last centre, &gt; start
     * @param number the number of functions N, ≥ 2
     * @return the basis
     * @throws IllegalArgumentException unless start &lt; end are finite and N ≥ 2
     */
    public static GaussianBasis of(double start, double end, int number) {
        check(start, end, number, 2);
        double width = (end - start) / (number - 1);
        return new GaussianBasis(start, width, number);
    }

    /**
     * {@code N >= 1} centres strictly inside {@code (start, end)}.
     *
     * @param start the lower end, left out
     * @param end the upper end, left out, &gt; start
     * @param number the number of functions N, ≥ 1
     * @return the basis
     * @throws IllegalArgumentException unless start &lt; end are finite and N ≥ 1
     */
    public static GaussianBasis interior(double start, double end, int number) {
        check(start, end, number, 1);
        double width = (end - start) / (number + 1);
        return new GaussianBasis(start + width, width, number);
    }

    private static void check(double start, double end, int number, int minimum) {
        if (!(Double.isFinite(start) && Double.isFinite(end) && start < end)) {
            throw new IllegalArgumentException("GaussianBasis: need finite start < end, got start " + start
                    + " and end " + end);
        }
        RadialChecks.atLeast("GaussianBasis", "number of functions", number, minimum);
    }

    /**
     * The centre {@code μ_k}.
     *
     * @param k the function, 0 ≤ k &lt; N
     * @return μ_k
     */
    public double centre(int k) {
        return first + k * width;
    }

    /**
     * The width {@code σ}, the spacing of the centres.
     *
     * @return σ
     */
    public double width() {
        return width;
    }

    /**
     * e3nn's constant 1.12 that every Gaussian is divided by.
     *
     * @return 1.12
     */
    public static double divisor() {
        return E3NN_DIVISOR;
    }

    @Override
    public int size() {
        return number;
    }

    @Override
    public void evaluate(double r, double[] values, double[] derivatives, int at) {
        for (int k = 0; k < number; k++) {
            double d = (r - centre(k)) / width;
            double v = Math.exp(-d * d) / E3NN_DIVISOR;
            values[at + k] = v;
            if (derivatives != null) {
                derivatives[at + k] = -2 * d / width * v;
            }
        }
    }

    @Override
    public void secondDerivatives(double r, double[] out, int at) {
        for (int k = 0; k < number; k++) {
            double d = (r - centre(k)) / width;
            out[at + k] = (4 * d * d - 2) / (width * width) * Math.exp(-d * d) / E3NN_DIVISOR;
        }
    }

    @Override
    public String toString() {
        return "GaussianBasis(μ_0=" + first + ", σ=" + width + ", N=" + number + ")";
    }
}
