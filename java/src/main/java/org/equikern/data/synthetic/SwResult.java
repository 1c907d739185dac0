package org.equikern.data.synthetic;

/**
 * What {@link StillingerWeber} computes for one configuration: the energy (eV), the forces
 * −∂E/∂positions ({@code atoms × 3}, eV/Å) and the per-atom energies, which sum to the energy.
 * The arrays are the caller's.
 */
public record SwResult(double energy, double[] forces, double[] atomEnergies) {
}
