package org.equikern.train;

/** Shape checks shared by {@link EnergyForceLoss} and {@link EnergyForceMetrics}. */
final class BatchShapes {
    private BatchShapes() {
    }

    /**
     * Checks a batch of S structures: S atom counts ≥ 1, S predicted and reference energies, and
     * 3 × (total atoms) predicted and reference force components.
     */
    static void check(int[] numAtoms, double[] predEnergy, double[] refEnergy, double[] predForces, double[] refForces) {
        int s = numAtoms.length;
        if (s == 0) {
            throw new IllegalArgumentException("numAtoms is empty: a batch needs at least one structure");
        }
        long atoms = 0;
        for (int i = 0; i < s; i++) {
            if (numAtoms[i] < 1) {
                throw new IllegalArgumentException("numAtoms[" + i + "] = " + numAtoms[i] + ": must be >= 1");
            }
            atoms += numAtoms[i];
        }
        requireLength("predEnergy", predEnergy, s, "one per structure");
        requireLength("refEnergy", refEnergy, s, "one per structure");
        requireLength("predForces", predForces, 3 * atoms, "3 per atom, " + atoms + " atoms");
        requireLength("refForces", refForces, 3 * atoms, "3 per atom, " + atoms + " atoms");
    }

    private static void requireLength(String name, double[] a, long expected, String why) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " has " + a.length + " values, expected " + expected + " (" + why + ")");
        }
    }
}
