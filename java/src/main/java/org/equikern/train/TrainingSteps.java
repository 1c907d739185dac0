package org.equikern.train;

import org.equikern.data.AtomicBatch;

/**
 * Where a {@link Trainer} runs its optimizer steps when not on the host: an implementation keeps the model, the
 * optimizer's state and the moving average on a device for the whole run and copies them back into the host
 * objects only when the trainer asks ({@link #syncToHost()}, before validation and checkpoints).
 * {@code org.equikern.model.DeviceTraining} is the device implementation.
 */
public interface TrainingSteps extends AutoCloseable {
    /** Opens the steps of a trainer from the current state of its host objects. */
    @FunctionalInterface
    interface Factory {
        /**
         * Opens steps that continue from the current state of the host objects.
         *
         * @param potential the model, its parameters the starting values
         * @param optimizer the host optimizer: hyperparameters, state, and each step's learning rate
         * @param ema the moving average, or null for none
         * @param loss the loss
         * @param maxGradientNorm the clipping bound; +∞ for none
         * @return the steps, owned by the trainer
         * @throws IllegalArgumentException when the model or optimizer cannot run there
         */
        TrainingSteps open(Potential potential, Optimizer optimizer, ExponentialMovingAverage ema,
                EnergyForceLoss loss, double maxGradientNorm);
    }

    /**
     * One optimizer step on {@code batch} at the host optimizer's current learning rate, as the host step: zero
     * the gradients, evaluate, the loss, the backward, clipping, the update, the moving average.
     *
     * @param batch the structures with their reference energies and forces
     * @param metrics receives the batch's errors before the update
     * @return the batch's loss before the update
     */
    double step(AtomicBatch batch, EnergyForceMetrics metrics);

    /** Copies the parameters, the optimizer's state and the moving average into the host objects. */
    void syncToHost();

    /** Frees what the steps hold; idempotent. */
    @Override
    void close();
}
