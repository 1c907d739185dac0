package org.equikern.model;

import org.equikern.data.AtomicBatch;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.ops.loss.EnergyForceLossOp;
import org.equikern.ops.loss.LossSettings;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.EnergyForceMetrics;

/**
 * One optimizer step of a {@link DevicePotential} with every array on its device, as the host
 * {@code train.Trainer} runs it: zero the gradients, upload the batch with its reference energies and forces,
 * forward pass and forces, the energy + force loss ({@link EnergyForceLossOp}), the backward into the flat
 * gradient, clipping by the global norm, the optimizer update and the weights' moving average. The parameters,
 * their gradients, the optimizer's moments and the average never leave the device; one step downloads a single
 * buffer of {@link EnergyForceLossOp#SUMS} scalars (the loss and the metrics' error sums).
 *
 * <p>The potential, the optimizer and the average are the caller's, who sets the learning rate of each step on
 * the optimizer (a schedule's value); this step owns only its loss op.
 */
public final class DeviceTrainingStep implements AutoCloseable {
    private final DevicePotential potential;
    private final DeviceOptimizer optimizer;
    private final DeviceEma ema;
    private final LossSettings loss;
    private final double maxGradientNorm;
    private final EnergyForceLossOp lossOp;

    /**
     * A step over {@code potential}'s flat parameters.
     *
     * @param potential the model on its device
     * @param optimizer updates {@code potential.parameters()}, on the same device and dtype
     * @param ema the moving average of {@code potential.parameters().values()}, or null for none
     * @param loss the loss (weights, MSE or Huber)
     * @param maxGradientNorm the clipping bound, &gt; 0; +∞ for no clipping
     * @throws IllegalArgumentException for a null potential, optimizer or loss, or a bound that is not &gt; 0
     */
    public DeviceTrainingStep(DevicePotential potential, DeviceOptimizer optimizer, DeviceEma ema,
            EnergyForceLoss loss, double maxGradientNorm) {
        if (potential == null || optimizer == null || loss == null) {
            throw new IllegalArgumentException("DeviceTrainingStep: potential, optimizer and loss must not be null");
        }
        if (!(maxGradientNorm > 0)) {
            throw new IllegalArgumentException("DeviceTrainingStep: maxGradientNorm = " + maxGradientNorm
                    + ": must be > 0 (+Infinity for no clipping)");
        }
        this.potential = potential;
        this.optimizer = optimizer;
        this.ema = ema;
        this.loss = new LossSettings(loss.energyWeight(), loss.forcesWeight(), loss.huberDelta());
        this.maxGradientNorm = maxGradientNorm;
        this.lossOp = EnergyForceLossOp.on(potential.device(), potential.dtype());
    }

    /** What one step downloads: the loss before the update and the error sums of its batch. */
    public record Result(int structures, int components, double loss, double energyAbs, double energySq,
            double forceAbs, double forceSq) {
        /**
         * Adds this batch's errors to {@code metrics}.
         *
         * @param metrics the epoch's accumulated metrics
         */
        public void addTo(EnergyForceMetrics metrics) {
            metrics.addSums(structures, components, energyAbs, energySq, forceAbs, forceSq);
        }
    }

    /**
     * One step on {@code batch}, at the optimizer's current learning rate.
     *
     * @param batch the structures, each with a reference energy and forces, the neighbour list built at the
     *     potential's cutoff
     * @return the loss of the batch before the update, and its error sums
     * @throws IllegalArgumentException for a null batch or an element the model lacks
     * @throws IllegalStateException for a structure without reference energy or forces, or a closed step,
     *     potential or device
     */
    public Result step(AtomicBatch batch) {
        if (batch == null) throw new IllegalArgumentException("DeviceTrainingStep.step: batch must not be null");
        DType dtype = potential.dtype();
        int structures = batch.structureCount();
        int components = Math.multiplyExact(3, batch.atomCount());
        double[] refEnergy = batch.energies();
        double[] refForces = batch.forces();
        DeviceParameters parameters = potential.parameters();
        parameters.zeroGradients();
        try (MemoryScope scope = potential.device().openScope()) {
            DeviceBuffer sums = scope.allocate(dtype, EnergyForceLossOp.SUMS);
            try (DeviceTrainingEvaluation evaluation = potential.evaluateOnDeviceForTraining(batch)) {
                DeviceBuffer gradEnergy = scope.allocate(dtype, structures);
                DeviceBuffer gradForces = scope.allocate(dtype, components);
                lossOp.evaluate(loss, scope.upload(batch.atomsPerStructure()), evaluation.energiesOnDevice(),
                        DeviceResources.upload(scope, dtype, refEnergy, 1), evaluation.forcesOnDevice(),
                        DeviceResources.upload(scope, dtype, refForces, 1), gradEnergy, gradForces, sums, structures,
                        components);
                evaluation.backward(gradEnergy, gradForces);
            }
            if (maxGradientNorm < Double.POSITIVE_INFINITY) {
                optimizer.clipGradNorm(parameters.gradients(), maxGradientNorm);
            }
            optimizer.step(parameters.values(), parameters.gradients());
            if (ema != null) ema.update(parameters.values());
            double[] s = DeviceCall.download(sums);
            return new Result(structures, components, s[EnergyForceLossOp.LOSS], s[EnergyForceLossOp.ENERGY_ABS],
                    s[EnergyForceLossOp.ENERGY_SQ], s[EnergyForceLossOp.FORCE_ABS], s[EnergyForceLossOp.FORCE_SQ]);
        }
    }

    /** Frees the loss op; idempotent. The potential, optimizer and average stay open. */
    @Override
    public void close() {
        lossOp.close();
    }
}
