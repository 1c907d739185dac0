package org.equikern.nn;

/**
 * Radial edge features: a {@link RadialBasis} multiplied by a {@link PolynomialCutoff} envelope,
 * {@code R_k(r) = B_k(r) · u(r)}, as NequIP's radial embedding. All features are exactly 0 from the
 * cutoff radius on. Immutable and allocation-free.
 */
public final class RadialEmbedding {
    private final RadialBasis basis;
    private final PolynomialCutoff cutoff;

    private RadialEmbedding(RadialBasis basis, PolynomialCutoff cutoff) {
        this.basis = basis;
        this.cutoff = cutoff;
    }

    /**
     * The radial features {@code R_k(r) = B_k(r)·u(r)}: a basis times the cutoff envelope.
     *
     * @param basis the basis
     * @param cutoff the envelope
     * @return the embedding
     * @throws IllegalArgumentException for a null argument
     */
    public static RadialEmbedding of(RadialBasis basis, PolynomialCutoff cutoff) {
        if (basis == null || cutoff == null) {
            throw new IllegalArgumentException("RadialEmbedding: basis and cutoff must not be null");
        }
        return new RadialEmbedding(basis, cutoff);
    }

    /**
     * NequIP's default: 8 Bessel functions ({@link BesselBasis#nequip}) and the envelope with p = 6.
     *
     * @param radius the cutoff radius, positive and finite
     * @return the embedding
     */
    public static RadialEmbedding nequip(double radius) {
        return of(BesselBasis.nequip(radius, 8), PolynomialCutoff.of(radius));
    }

    /**
     * The basis {@code B_k}.
     *
     * @return the basis
     */
    public RadialBasis basis() {
        return basis;
    }

    /**
     * The envelope {@code u}.
     *
     * @return the envelope
     */
    public PolynomialCutoff cutoff() {
        return cutoff;
    }

    /**
     * The number of features.
     *
     * @return the size
     */
    public int size() {
        return basis.size();
    }

    /**
     * Writes {@code R_k(r)} to {@code values[at + k]} and, when {@code derivatives} is not null,
     * {@code dR_k/dr} to {@code derivatives[at + k]}.
     *
     * @param r a length, ≥ 0
     * @param values receives the values
     * @param derivatives receives the derivatives, or null
     * @param at the index of feature 0 in both arrays
     */
    public void evaluate(double r, double[] values, double[] derivatives, int at) {
        basis.evaluate(r, values, derivatives, at);
        double u = cutoff.value(r);
        double du = derivatives == null ? 0 : cutoff.derivative(r);
        for (int k = 0; k < basis.size(); k++) {
            if (derivatives != null) {
                derivatives[at + k] = derivatives[at + k] * u + values[at + k] * du;
            }
            values[at + k] *= u;
        }
    }

    /**
     * {@link #evaluate} with the second derivatives {@code R_k'' = B_k''·u + 2 B_k'·u' + B_k·u''} written to
     * {@code secondDerivatives[at + k]}.
     *
     * @param r a length, &gt; 0
     * @param values receives the values
     * @param derivatives receives the derivatives
     * @param secondDerivatives receives the second derivatives
     * @param at the index of feature 0 in the three arrays
     */
    public void evaluate(double r, double[] values, double[] derivatives, double[] secondDerivatives, int at) {
        basis.evaluate(r, values, derivatives, at);
        basis.secondDerivatives(r, secondDerivatives, at);
        double u = cutoff.value(r);
        double du = cutoff.derivative(r);
        double ddu = cutoff.secondDerivative(r);
        for (int k = 0; k < basis.size(); k++) {
            int i = at + k;
            secondDerivatives[i] = secondDerivatives[i] * u + 2 * derivatives[i] * du + values[i] * ddu;
            derivatives[i] = derivatives[i] * u + values[i] * du;
            values[i] *= u;
        }
    }

    @Override
    public String toString() {
        return "RadialEmbedding(" + basis + " * " + cutoff + ")";
    }
}
