package org.equikern.model;

import org.equikern.train.PotentialEvaluation;

/**
 * What {@link DevicePotential#evaluate} downloads: predictions only, without the state a backward pass needs
 * ({@link DevicePotential#evaluateForTraining} keeps it).
 */
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

    /** @throws UnsupportedOperationException always: this evaluation predicts; train with evaluateForTraining */
    @Override
    public void backward(double[] gradEnergies, double[] gradForces) {
        throw new UnsupportedOperationException("DevicePotential.evaluate predicts only: use "
                + "DevicePotential.evaluateForTraining for a backward pass");
    }
}
