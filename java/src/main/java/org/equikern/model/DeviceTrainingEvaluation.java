package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.train.PotentialEvaluation;

/**
 * A {@link DevicePotential} evaluation kept for training: its predictions downloaded (by
 * {@link DevicePotential#evaluateForTraining}) or left on the device until asked for (by
 * {@link DevicePotential#evaluateOnDeviceForTraining}), every intermediate still on the device until
 * {@link #close()}. {@link #backward} adds {@code d/dθ (gradEnergies·E + gradForces·F)} for
 * every parameter θ into {@link DevicePotential#parameters()}'s flat gradient buffer, on the device, as the host
 * models do: the network's forward pass differentiated along a direction of the positions, then its reverse
 * pass differentiated along it too.
 *
 * <p>The reverse pass kept on the device is seeded with {@code −scale} per atom (it gives the forces without a
 * host step), so every gradient it holds is the host's negated. Moving the positions along {@code +gradForces}
 * instead of the host's {@code −gradForces} negates every tangent as well; every term of the tangent passes is
 * either one gradient times one tangent or linear in the seed's tangent {@code scale · gradEnergies}, which is
 * the host's: the parameters' gradients are the host's.
 */
public final class DeviceTrainingEvaluation implements PotentialEvaluation, AutoCloseable {
    private final DevicePotential potential;
    private final DeviceCall call;
    private final DeviceLayer.Step network;
    private final DeviceBuffer energyBuffer;
    private final DeviceBuffer atomEnergyBuffer;
    private final DeviceBuffer forceBuffer;
    private double[] energies;
    private double[] atomEnergies;
    private double[] forces;
    private boolean closed;

    /** With {@code download}, the three predictions are downloaded now; else on their first request. */
    DeviceTrainingEvaluation(DevicePotential potential, DeviceCall call, DeviceLayer.Step network,
            DeviceBuffer energies, DeviceBuffer atomEnergies, DeviceBuffer forces, boolean download) {
        this.potential = potential;
        this.call = call;
        this.network = network;
        this.energyBuffer = energies;
        this.atomEnergyBuffer = atomEnergies;
        this.forceBuffer = forces;
        if (download) {
            energies();
            atomEnergies();
            forces();
        }
    }

    /** @throws IllegalStateException when the predictions were left on the device and the evaluation is closed */
    @Override
    public synchronized double[] energies() {
        if (energies == null) energies = downloaded(energyBuffer);
        return energies.clone();
    }

    /** @throws IllegalStateException when the predictions were left on the device and the evaluation is closed */
    @Override
    public synchronized double[] atomEnergies() {
        if (atomEnergies == null) atomEnergies = downloaded(atomEnergyBuffer);
        return atomEnergies.clone();
    }

    /** @throws IllegalStateException when the predictions were left on the device and the evaluation is closed */
    @Override
    public synchronized double[] forces() {
        if (forces == null) forces = downloaded(forceBuffer);
        return forces.clone();
    }

    private double[] downloaded(DeviceBuffer buffer) {
        checkOpen("download");
        return DeviceCall.download(buffer);
    }

    /**
     * The predicted energies {@code [S]} on the device, valid until {@link #close()}.
     *
     * @return the buffer, owned by this evaluation
     * @throws IllegalStateException when the evaluation is closed
     */
    public synchronized DeviceBuffer energiesOnDevice() {
        checkOpen("energiesOnDevice");
        return energyBuffer;
    }

    /**
     * The predicted forces {@code [3N]} (atom-major) on the device, valid until {@link #close()}.
     *
     * @return the buffer, owned by this evaluation
     * @throws IllegalStateException when the evaluation is closed
     */
    public synchronized DeviceBuffer forcesOnDevice() {
        checkOpen("forcesOnDevice");
        return forceBuffer;
    }

    private void checkOpen(String method) {
        if (closed) throw new IllegalStateException("DeviceTrainingEvaluation." + method + ": the evaluation is closed");
    }

    /**
     * Adds {@code d/dθ (gradEnergies·E + gradForces·F)} to every parameter's gradient in
     * {@link DevicePotential#parameters()}, uploading the two seeds and each atom's structure index; nothing is
     * downloaded.
     *
     * @param gradEnergies ∂L/∂E, one per structure
     * @param gradForces ∂L/∂F, one per force component
     * @throws IllegalArgumentException when an array is null or of another length
     * @throws IllegalStateException when this evaluation, its potential or its device is closed
     */
    @Override
    public synchronized void backward(double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation.checkSeeds(gradEnergies, Math.toIntExact(energyBuffer.length()), gradForces,
                Math.toIntExact(forceBuffer.length()));
        checkOpen("backward");
        potential.tangentPasses(call, network, call.upload(gradEnergies), call.upload(gradForces));
    }

    /**
     * {@link #backward(double[], double[])} with the seeds already on the device (as a device loss leaves them):
     * uploads only the atoms' structure indices, to spread each structure's seed over its atoms; nothing is
     * downloaded.
     *
     * @param gradEnergies ∂L/∂E {@code [S]}, in the potential's precision on its device
     * @param gradForces ∂L/∂F {@code [3N]}
     * @throws IllegalArgumentException when a buffer is null, of another device or dtype, or of another length
     * @throws IllegalStateException when this evaluation, its potential or its device is closed
     */
    public synchronized void backward(DeviceBuffer gradEnergies, DeviceBuffer gradForces) {
        checkSeed("gradEnergies", gradEnergies, energyBuffer);
        checkSeed("gradForces", gradForces, forceBuffer);
        checkOpen("backward");
        potential.tangentPasses(call, network, gradEnergies, gradForces);
    }

    private void checkSeed(String name, DeviceBuffer seed, DeviceBuffer prediction) {
        String call = "DeviceTrainingEvaluation.backward: ";
        if (seed == null) throw new IllegalArgumentException(call + name + " must not be null");
        potential.device().checkOwns(call + name, seed);
        if (seed.dtype() != prediction.dtype() || seed.length() != prediction.length()) {
            throw new IllegalArgumentException(call + name + " must be " + prediction.dtype() + "["
                    + prediction.length() + "], got " + seed.name());
        }
    }

    /** Frees the evaluation's device memory; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        call.close();
    }
}
