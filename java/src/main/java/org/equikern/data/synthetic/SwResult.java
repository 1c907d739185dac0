package org.equikern.data.synthetic;

import java.util.Arrays;

/**
 * What {@link StillingerWeber} computes for one configuration: the energy (eV), the forces
 * −∂E/∂positions ({@code atoms × 3}, eV/Å) and the per-atom energies, which sum to the energy.
 * Immutable: the arrays are copied in and out.
 */
public record SwResult(double energy, double[] forces, double[] atomEnergies) {
    /**
     * Copies the arrays.
     *
     * @param energy the total energy in eV
     * @param forces {@code atoms × 3} forces in eV/Å
     * @param atomEnergies one energy per atom in eV
     */
    public SwResult {
        forces = forces.clone();
        atomEnergies = atomEnergies.clone();
    }

    /**
     * {@code atoms × 3} forces in eV/Å (a copy).
     *
     * @return a new array
     */
    @Override
    public double[] forces() {
        return forces.clone();
    }

    /**
     * Per-atom energies in eV (a copy).
     *
     * @return a new array
     */
    @Override
    public double[] atomEnergies() {
        return atomEnergies.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwResult r && Double.compare(energy, r.energy) == 0 && Arrays.equals(forces, r.forces)
                && Arrays.equals(atomEnergies, r.atomEnergies);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(energy) + Arrays.hashCode(forces)) + Arrays.hashCode(atomEnergies);
    }

    @Override
    public String toString() {
        return "SwResult[energy=" + energy + ", " + atomEnergies.length + " atoms]";
    }
}
