package org.equikern.train;

/**
 * The predictions of a {@link Potential} for one batch, with what the backward pass needs.
 */
public interface PotentialEvaluation {
    /** The energy of each structure of the batch. */
    double[] energies();

    /**
     * The energy of each atom, whose sums over the structures are {@link #energies()}: the per-atom
     * decomposition an atom-centred model makes. Models without one throw
     * {@link UnsupportedOperationException}.
     */
    default double[] atomEnergies() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no per-atom energies");
    }

    /** {@code atoms × 3} forces −∂E/∂positions, atom-major. */
    double[] forces();

    /**
     * Adds ∂L/∂θ to the gradient of every parameter θ, for a loss L whose gradients with respect to
     * the predictions are {@code gradEnergies} (one per structure) and {@code gradForces}
     * (laid out as {@link #forces()}): the seed {@link EnergyForceLoss.Result} returns. The force term
     * is a mixed second derivative of the energy.
     */
    void backward(double[] gradEnergies, double[] gradForces);
}
