package org.equikern.train;

import org.equikern.data.AtomicBatch;

/**
 * What predicting energies and forces needs of a model: the cutoff its batches' neighbour lists are built
 * with and its evaluation of a batch. Every {@link Potential} is one; so is a trained model kept on a device
 * ({@code org.equikern.model.DevicePotential}), whose {@code evaluate} has no backward pass.
 */
public interface Predictor {
    /**
     * The cutoff radius of the neighbour lists the batches passed to {@link #evaluate} are built with.
     *
     * @return the cutoff radius
     */
    double cutoff();

    /**
     * Energies and forces of {@code batch}.
     *
     * @param batch the structures, with neighbour lists built at {@link #cutoff()}
     * @return the predictions
     */
    PotentialEvaluation evaluate(AtomicBatch batch);
}
