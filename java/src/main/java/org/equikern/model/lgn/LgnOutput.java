package org.equikern.model.lgn;

import org.equikern.ops.lorentzproduct.ComplexTensor;

/**
 * What an {@link LgnLayer} returns: the equivariant features {@code [batch][particles][out.dim]} and
 * the invariant scalars the MLP made of them {@code [batch][particles][mlpOut]}; padded particles
 * hold 0.
 */
public final class LgnOutput {
    private final ComplexTensor features;
    private final double[] scalars;

    LgnOutput(ComplexTensor features, double[] scalars) {
        this.features = features;
        this.scalars = scalars;
    }

    /**
     * The equivariant features.
     *
     * @return the features, {@code [batch][particles][out.dim]}
     */
    public ComplexTensor features() {
        return features;
    }

    /**
     * The invariant scalars.
     *
     * @return the scalars, {@code [batch][particles][mlpOut]} (not a copy)
     */
    public double[] scalars() {
        return scalars;
    }
}
