package org.equikern.train;

import org.equikern.data.AtomicBatch;

/**
 * A trainable interatomic potential: the energy of each structure of a batch, the forces
 * F = −∂E/∂positions on its atoms, and the gradient of any loss of those predictions with respect
 * to its parameters. What a trainer needs of a model, and all it needs: NequIP- and MACE-style
 * models implement it, as can any user model.
 */
public interface Potential extends Predictor {
    /**
     * The trainable parameters, live: an optimizer updates them in place between evaluations.
     *
     * @return the parameters
     */
    Parameters parameters();

    /**
     * The cutoff radius of the neighbour lists the batches passed to {@link #evaluate} are built with.
     *
     * @return the cutoff radius
     */
    @Override
    double cutoff();

    /**
     * Energies and forces of {@code batch} with the current parameters. The result keeps what its
     * {@link PotentialEvaluation#backward backward} needs.
     *
     * @param batch the structures, with neighbour lists built at {@link #cutoff()}
     * @return the evaluation
     */
    @Override
    PotentialEvaluation evaluate(AtomicBatch batch);
}
