package org.equikern.model;

import java.util.Arrays;
import java.util.List;

/**
 * The energy bookkeeping of an atom-centred potential: each atom's energy is a scale times the
 * network's output for it plus its species' shift (E0), and a structure's energy is the sum over its
 * atoms. Also the seeds of the reverse pass through the network and of its tangent.
 */
final class AtomEnergies {
    private final double scale;
    private final int[] structureOfAtom;
    private final double[] atomEnergies;
    private final double[] energies;

    /**
     * @param output          one network output per atom
     * @param species         the species index of each atom
     * @param shifts          the energy shift of each species
     * @param structureOfAtom the structure of each atom, in {@code [0, structures)}
     */
    AtomEnergies(double[] output, int[] species, List<Double> shifts, double scale, int[] structureOfAtom,
            int structures) {
        this.scale = scale;
        this.structureOfAtom = structureOfAtom;
        this.atomEnergies = new double[output.length];
        this.energies = new double[structures];
        for (int a = 0; a < output.length; a++) {
            atomEnergies[a] = scale * output[a] + shifts.get(species[a]);
            energies[structureOfAtom[a]] += atomEnergies[a];
        }
    }

    /** The energy of each atom (shared array). */
    double[] atomEnergies() {
        return atomEnergies;
    }

    /** The energy of each structure (shared array). */
    double[] energies() {
        return energies;
    }

    /** The gradient of the total energy on each atom's network output: the scale. */
    double[] outputSeed() {
        double[] seed = new double[structureOfAtom.length];
        Arrays.fill(seed, scale);
        return seed;
    }

    /** The gradient of {@code Σ gradEnergies·E} on each atom's network output. */
    double[] outputSeed(double[] gradEnergies) {
        double[] seed = new double[structureOfAtom.length];
        for (int a = 0; a < seed.length; a++) {
            seed[a] = scale * gradEnergies[structureOfAtom[a]];
        }
        return seed;
    }
}
