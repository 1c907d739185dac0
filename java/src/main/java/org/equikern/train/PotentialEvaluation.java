package org.equikern.train;

/**
 * The predictions of a {@link Potential} for one batch, with what the backward pass needs.
 */
public interface PotentialEvaluation {
    /**
     * The energy of each structure of the batch.
     *
     * @return one energy per structure
     */
    double[] energies();

    /**
     * The energy of each atom, whose sums over the structures are {@link #energies()}: the per-atom
     * decomposition an atom-centred model makes. Models without one throw
     * {@link UnsupportedOperationException}.
     *
     * @return one energy per atom
     * @throws UnsupportedOperationException for models without a per-atom decomposition
     */
    default double[] atomEnergies() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no per-atom energies");
    }

    /**
     * {@code atoms × 3} forces −∂E/∂positions, atom-major.
     *
     * @return the forces
     */
    double[] forces();

    /**
     * Adds ∂L/∂θ to the gradient of every parameter θ, for a loss L whose gradients with respect to
     * the predictions are {@code gradEnergies} (one per structure) and {@code gradForces}
     * (laid out as {@link #forces()}): the seed {@link EnergyForceLoss.Result} returns. The force term
     * is a mixed second derivative of the energy.
     *
     * @param gradEnergies ∂L/∂E, one per structure
     * @param gradForces ∂L/∂F, one per force component
     * @throws IllegalArgumentException when an array is null or of another length
     */
    void backward(double[] gradEnergies, double[] gradForces);

    /**
     * Checks the seeds of {@link #backward}: one energy gradient per structure and one force gradient per
     * force component, with a message naming the argument, its length and the expected one.
     *
     * @param gradEnergies the energy seeds
     * @param structures the number of structures of the evaluated batch
     * @param gradForces the force seeds
     * @param forceComponents {@code atoms × 3} of the evaluated batch
     * @throws IllegalArgumentException when either array is null or of another length
     */
    static void checkSeeds(double[] gradEnergies, int structures, double[] gradForces, int forceComponents) {
        checkSeed("gradEnergies", gradEnergies, structures);
        checkSeed("gradForces", gradForces, forceComponents);
    }

    private static void checkSeed(String name, double[] seed, int expected) {
        if (seed == null || seed.length != expected) {
            throw new IllegalArgumentException("backward: " + name + " must hold " + expected + " values, got "
                    + (seed == null ? "null" : seed.length + ""));
        }
    }
}
