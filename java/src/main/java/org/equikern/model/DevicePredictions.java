package org.equikern.model;

import org.equikern.train.PotentialEvaluation;

/** What a {@link DevicePotential} downloads: predictions only, without the state a backward pass needs. */
final class DevicePredictions implements PotentialEvaluation {
    private final double[] energies;
    private final double[] atomEnergies;
    private final double[] forces;

    DevicePredictions(double[] energies, double[] atomEnergies, double[] forces) {
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

    /** @throws UnsupportedOperationException always: a device evaluation predicts; train the host model */
    @Override
    public void backward(double[] gradEnergies, double[] gradForces) {
        throw new UnsupportedOperationException("a DevicePotential evaluation has no backward: train the host "
                + "model (NequipModel, MaceModel) and build a new DevicePotential from it");
    }
}
