package org.equikern.nn;

/**
 * A set of functions of the edge length {@code r}, evaluated together with their first (and, apart,
 * second) derivatives. The
 * implementations are {@link BesselBasis} and {@link GaussianBasis}; {@link RadialEmbedding}
 * multiplies one by a {@link PolynomialCutoff}. Implementations are immutable and allocation-free.
 */
public interface RadialBasis {
    /**
     * The number of functions.
     *
     * @return N, ≥ 1
     */
    int size();

    /**
     * Writes {@code B_k(r)} to {@code values[at + k]} and, when {@code derivatives} is not null,
     * {@code dB_k/dr} to {@code derivatives[at + k]}, for {@code k < size()}.
     *
     * @param r a length, {@code r >= 0}
     * @param values receives the values
     * @param derivatives receives the derivatives, or null
     * @param at the index of function 0 in both arrays
     */
    void evaluate(double r, double[] values, double[] derivatives, int at);

    /**
     * Writes {@code d²B_k/dr²} to {@code out[at + k]} for {@code k < size()} (for the Hessian term of
     * training on forces).
     *
     * @param r a length, {@code r >= 0}
     * @param out receives the second derivatives
     * @param at the index of function 0
     */
    void secondDerivatives(double r, double[] out, int at);
}
