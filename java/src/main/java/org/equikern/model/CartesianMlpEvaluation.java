package org.equikern.model;

import org.equikern.train.PotentialEvaluation;

/**
 * One batch through a {@link CartesianMlpPotential}: energies and forces on construction, and the
 * backward pass. The force term of the backward pass uses Σ_a g_a·F_a = −(directional derivative
 * of E along g): the features' tangent along g does not depend on the weights, so the network's
 * forward-mode derivative along that tangent, differentiated in reverse, gives the exact mixed
 * second derivative.
 */
final class CartesianMlpEvaluation implements PotentialEvaluation {
    private final Mlp mlp;
    private final SortedNeighbourFeatures features;
    private final int[] structureOfAtom;
    private final double[] energies;
    private final double[] forces;

    CartesianMlpEvaluation(Mlp mlp, SortedNeighbourFeatures features, int[] structureOfAtom, int structures) {
        this.mlp = mlp;
        this.features = features;
        this.structureOfAtom = structureOfAtom;
        this.energies = new double[structures];
        int atoms = structureOfAtom.length;
        double[] gradPositions = new double[Math.multiplyExact(atoms, 3)];
        double[] gradFeatures = new double[features.width()];
        for (int atom = 0; atom < atoms; atom++) {
            energies[structureOfAtom[atom]] += mlp.valueAndInputGradient(features.of(atom), gradFeatures);
            features.pullBack(atom, gradFeatures, gradPositions);
        }
        this.forces = gradPositions;
        for (int i = 0; i < forces.length; i++) {
            forces[i] = -forces[i];
        }
    }

    @Override
    public double[] energies() {
        return energies.clone();
    }

    @Override
    public double[] forces() {
        return forces.clone();
    }

    @Override
    public void backward(double[] gradEnergies, double[] gradForces) {
        if (gradEnergies == null || gradEnergies.length != energies.length) {
            throw new IllegalArgumentException("backward: gradEnergies must hold " + energies.length + " values, got "
                    + (gradEnergies == null ? "null" : gradEnergies.length + ""));
        }
        if (gradForces == null || gradForces.length != forces.length) {
            throw new IllegalArgumentException("backward: gradForces must hold " + forces.length + " values, got "
                    + (gradForces == null ? "null" : gradForces.length + ""));
        }
        for (int atom = 0; atom < structureOfAtom.length; atom++) {
            mlp.accumulateGradient(features.of(atom), features.tangent(atom, gradForces),
                    gradEnergies[structureOfAtom[atom]], -1);
        }
    }
}
