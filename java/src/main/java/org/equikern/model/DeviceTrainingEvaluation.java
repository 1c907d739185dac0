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
 * instead of the host's {@code −gradForces} negates every tangent as well, and each second-order term pairs one
 * gradient with one tangent: the products, and so the parameters' gradients, are the host's.
 */
public final class DeviceTrainingEvaluation implements PotentialEvaluation, AutoCloseable {
    private final DevicePotential potential;
    private final DeviceCall call;
    private final DeviceLayer.Step network;
    private final DeviceBuffer energyBuffer;
    private final DeviceBuffer atomEnergyBuffer;
    private final DeviceBuffer forceBuffer;
    private final int[] structureOfAtom;
    private double[] energies;
    private double[] atomEnergies;
    private double[] forces;
    private boolean closed;

    /** With {@code download}, the three predictions are downloaded now; else on their first request. */
    DeviceTrainingEvaluation(DevicePotential potential, DeviceCall call, DeviceLayer.Step network,
            DeviceBuffer energies, DeviceBuffer atomEnergies, DeviceBuffer forces, int[] structureOfAtom,
            boolean download) {
        this.potential = potential;
        this.call = call;
        this.network = network;
        this.energyBuffer = energies;
        this.atomEnergyBuffer = atomEnergies;
        this.forceBuffer = forces;
        this.structureOfAtom = structureOfAtom;
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
     * {@link DevicePotential#parameters()}, uploading only the two seeds ({@code gradForces} and the per-atom
     * seed {@code scale · gradEnergies} of each atom's structure); nothing is downloaded.
     *
     * @param gradEnergies ∂L/∂E, one per structure
     * @param gradForces ∂L/∂F, one per force component
     * @throws IllegalArgumentException when an array is null or of another length
     * @throws IllegalStateException when this evaluation, its potential or its device is closed
     */
    @Override
    public synchronized void backward(double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation.checkSeeds(gradEnergies, energies.length, gradForces, forces.length);
        checkOpen("backward");
        double[] seedTangent = new double[structureOfAtom.length];
        for (int a = 0; a < seedTangent.length; a++) {
            seedTangent[a] = potential.scale() * gradEnergies[structureOfAtom[a]];
        }
        potential.tangentPasses(call, network, gradForces, seedTangent);
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
        potential.tangentPassesOnDevice(call, network, gradForces,
                call.perAtomOfStructure(gradEnergies, structureOfAtom));
    }

    private void checkSeed(String role, DeviceBuffer seed, DeviceBuffer prediction) {
        String call = "DeviceTrainingEvaluation.backward: " + role;
        if (seed == null) throw new IllegalArgumentException(call + " must not be null");
        potential.device().checkOwns(call, seed);
        if (seed.dtype() != prediction.dtype() || seed.length() != prediction.length()) {
            throw new IllegalArgumentException(call + " " + seed.name() + ": expected " + prediction.length() + " "
                    + prediction.dtype() + " elements, got " + seed.length() + " " + seed.dtype());
        }
    }

    /** Frees the evaluation's device memory; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        call.close();
    }
}
