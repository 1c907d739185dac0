package org.equikern.model;

import java.util.Arrays;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.train.Parameter;
import org.equikern.train.PotentialEvaluation;

/**
 * One batch through a {@link CartesianMlpPotential}: energies and forces on construction, and the
 * backward pass. The force term of the backward pass uses Σ_a g_a·F_a = −Σ_atoms ∇_x f · ẋ, with ẋ
 * the features' change along g; ẋ does not depend on the weights, so the net's double backward
 * with the tangent −ẋ gives the exact mixed second derivative.
 */
final class CartesianMlpEvaluation implements PotentialEvaluation {
    private final FullyConnectedNet net;
    private final Parameter weights;
    private final Parameter speciesEnergies;
    private final SortedNeighbourFeatures features;
    private final int[] species;
    private final int[] structureOfAtom;
    private final FullyConnectedNet.Forward pass;
    private final double[] energies;
    private final double[] atomEnergies;
    private final double[] forces;

    CartesianMlpEvaluation(FullyConnectedNet net, Parameter weights, Parameter speciesEnergies,
            SortedNeighbourFeatures features, int[] species, int[] structureOfAtom, int structures) {
        this.net = net;
        this.weights = weights;
        this.speciesEnergies = speciesEnergies;
        this.features = features;
        this.species = species;
        this.structureOfAtom = structureOfAtom;
        int atoms = structureOfAtom.length;
        this.pass = net.forward(features.all(), weights.values(), atoms);
        this.atomEnergies = pass.output();
        double[] shift = speciesEnergies.values();
        this.energies = new double[structures];
        for (int atom = 0; atom < atoms; atom++) {
            atomEnergies[atom] += shift[species[atom]];
            energies[structureOfAtom[atom]] += atomEnergies[atom];
        }
        double[] gradX = net.backward(pass, ones(atoms)).gradX();
        double[] gradPositions = new double[Math.multiplyExact(atoms, 3)];
        for (int atom = 0; atom < atoms; atom++) {
            features.pullBack(atom, Arrays.copyOfRange(gradX, atom * features.width(), (atom + 1) * features.width()),
                    gradPositions);
        }
        this.forces = gradPositions;
        for (int i = 0; i < forces.length; i++) {
            forces[i] = -forces[i];
        }
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        Arrays.fill(v, 1);
        return v;
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

    @Override
    public void backward(double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation.checkSeeds(gradEnergies, energies.length, gradForces, forces.length);
        int atoms = structureOfAtom.length;
        int width = features.width();
        double[] gradAtomEnergies = new double[atoms];
        double[] minusTangents = new double[Math.multiplyExact(atoms, width)];
        double[] gradShift = speciesEnergies.grad();
        for (int atom = 0; atom < atoms; atom++) {
            gradAtomEnergies[atom] = gradEnergies[structureOfAtom[atom]];
            gradShift[species[atom]] += gradAtomEnergies[atom];
            double[] t = features.tangent(atom, gradForces);
            for (int k = 0; k < width; k++) {
                minusTangents[atom * width + k] = -t[k];
            }
        }
        double[] energyTerm = net.backward(pass, gradAtomEnergies).gradWeights();
        double[] forceTerm = net.doubleBackward(pass, ones(atoms), minusTangents, null).gradWeights();
        double[] grad = weights.grad();
        for (int i = 0; i < grad.length; i++) {
            grad[i] += energyTerm[i] + forceTerm[i];
        }
    }
}
