package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.train.PotentialEvaluation;

/**
 * A {@link DevicePotential} evaluation kept for training: its predictions downloaded, every intermediate still
 * on the device until {@link #close()}. {@link #backward} adds {@code d/dθ (gradEnergies·E + gradForces·F)} for
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
    private final double[] energies;
    private final double[] atomEnergies;
    private final double[] forces;
    private boolean closed;

    DeviceTrainingEvaluation(DevicePotential potential, DeviceCall call, DeviceLayer.Step network, double[] energies,
            double[] atomEnergies, double[] forces) {
        this.potential = potential;
        this.call = call;
        this.network = network;
        this.energies = energies;
        this.atomEnergies = atomEnergies;
        this.forces = forces;
    }

    @Override
    public double[] energies() {
        return energies.clone();
    }

    @Override
    public double[] atomEnergies() {
        return atomEnergies.clone();
    }

    @Override
    public double[] forces() {
        return forces.clone();
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
        PotentialEvaluation.checkSeeds(gradEnergies, energies.length, gradForces, forces.length);
        checkOpen();
        potential.tangentPasses(call, network, call.upload(gradEnergies), call.upload(gradForces));
    }

    /**
     * {@link #backward(double[], double[])} with seeds already on the device, e.g. from a loss computed there:
     * nothing but each atom's structure index is uploaded.
     *
     * @param gradEnergies ∂L/∂E, one per structure, on the potential's device in its dtype
     * @param gradForces ∂L/∂F, one per force component, likewise
     * @throws IllegalArgumentException when a buffer is null, of another device or dtype, or of another length
     * @throws IllegalStateException when this evaluation, its potential or its device is closed
     */
    public synchronized void backward(DeviceBuffer gradEnergies, DeviceBuffer gradForces) {
        checkSeed("gradEnergies", gradEnergies, energies.length);
        checkSeed("gradForces", gradForces, forces.length);
        checkOpen();
        potential.tangentPasses(call, network, gradEnergies, gradForces);
    }

    private void checkSeed(String name, DeviceBuffer seed, int expected) {
        String call = "DeviceTrainingEvaluation.backward: ";
        if (seed == null) throw new IllegalArgumentException(call + name + " must not be null");
        potential.device().checkOwns(call + name, seed);
        if (seed.dtype() != potential.dtype() || seed.length() != expected) {
            throw new IllegalArgumentException(call + name + " must be " + potential.dtype() + "[" + expected
                    + "], got " + seed.name());
        }
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("DeviceTrainingEvaluation.backward: the evaluation is closed");
    }

    /** Frees the evaluation's device memory; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        call.close();
    }
}
