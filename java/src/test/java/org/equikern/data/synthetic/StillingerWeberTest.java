package org.equikern.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.Rotation;
import org.junit.jupiter.api.Test;

/** The potential against the published numbers, a brute-force sum, finite differences and symmetry. */
class StillingerWeberTest {
    private static final double EPS = 2.1683;
    private static final double SIG = 2.0951;

    /** A strained 64-atom cell with one vacancy and thermal-size displacements: no symmetry left. */
    private static PeriodicCell distorted(long seed) {
        Random random = new Random(seed);
        PeriodicCell cell = PeriodicCell.of(new DiamondLattice(2, DiamondLattice.SILICON_LATTICE_CONSTANT))
                .strained(PeriodicCell.randomStrain(random, 0.03)).withVacancies(1, random);
        double[] positions = cell.positions();
        for (int i = 0; i < positions.length; i++) {
            positions[i] += 0.1 * random.nextGaussian();
        }
        return new PeriodicCell(cell.cell(), positions);
    }

    @Test
    void perfectDiamondHasThePublishedCohesiveEnergyAndNoForces() {
        PeriodicCell diamond = PeriodicCell.of(new DiamondLattice(2, 5.431));
        SwResult r = StillingerWeber.evaluate(diamond);
        // Four bonds at 2^(1/6)σ, where the pair term is −ε, tetrahedral angles: −2ε = −4.3366 eV per atom.
        assertEquals(-4.3366, r.energy() / 64, 2e-4);
        for (double e : r.atomEnergies()) {
            assertEquals(r.energy() / 64, e, 1e-12);
        }
        for (double f : r.forces()) {
            assertEquals(0, f, 1e-12);
        }
    }

    @Test
    void aDimerAtTheMinimumHasEnergyMinusEpsilon() {
        double r0 = Math.pow(2, 1.0 / 6) * SIG;
        PeriodicCell dimer = new PeriodicCell(new double[] {20, 0, 0, 0, 20, 0, 0, 0, 20},
                new double[] {1, 1, 1, 1 + r0, 1, 1});
        SwResult r = StillingerWeber.evaluate(dimer);
        assertEquals(-EPS, r.energy(), 1e-4 * EPS);
        assertEquals(0, r.forces()[0], 1e-3);
    }

    @Test
    void energyAndPerAtomEnergiesMatchABruteForceSum() {
        PeriodicCell atoms = distorted(3);
        SwResult r = StillingerWeber.evaluate(atoms);
        double[] reference = BruteForceStillingerWeber.atomEnergies(atoms);
        assertArrayEquals(reference, r.atomEnergies(), 1e-10);
        double sum = 0;
        for (double e : r.atomEnergies()) {
            sum += e;
        }
        assertEquals(sum, r.energy(), 1e-10);
        assertTrue(Math.abs(r.energy() / atoms.atoms() + 4.3366) < 0.5, "near the cohesive energy: " + r.energy());
    }

    @Test
    void forcesAreMinusCentralDifferencesOfTheEnergy() {
        PeriodicCell atoms = distorted(5);
        double[] forces = StillingerWeber.evaluate(atoms).forces();
        double h = 1e-5;
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < forces.length; i++) {
            double[] plus = atoms.positions();
            double[] minus = atoms.positions();
            plus[i] += h;
            minus[i] -= h;
            double fd = -(energy(atoms.cell(), plus) - energy(atoms.cell(), minus)) / (2 * h);
            worst = Math.max(worst, Math.abs(fd - forces[i]));
            scale = Math.max(scale, Math.abs(forces[i]));
        }
        assertTrue(scale > 0.1, "forces are not trivially small: " + scale);
        assertTrue(worst < 1e-6 * scale, "worst force error " + worst + " against max force " + scale);
    }

    private static double energy(double[] cell, double[] positions) {
        return StillingerWeber.evaluate(new PeriodicCell(cell, positions)).energy();
    }

    @Test
    void energyIsInvariantAndForcesEquivariantUnderTranslationAndRotation() {
        PeriodicCell atoms = distorted(9);
        SwResult r = StillingerWeber.evaluate(atoms);
        Rotation rot = Rotation.random(new Random(4));
        double[] cell = rotateRows(rot, atoms.cell(), 0);
        double[] positions = rotateRows(rot, atoms.positions(), 1.7);
        SwResult moved = StillingerWeber.evaluate(new PeriodicCell(cell, positions));
        assertEquals(r.energy(), moved.energy(), 1e-10 * Math.abs(r.energy()));
        assertArrayEquals(r.atomEnergies(), moved.atomEnergies(), 1e-10);
        assertArrayEquals(rotateRows(rot, r.forces(), 0), moved.forces(), 1e-10);
    }

    /** R·x + t for each row x, with t = (shift, shift, shift). */
    private static double[] rotateRows(Rotation rot, double[] rows, double shift) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            double[] v = rot.apply(new double[] {rows[i], rows[i + 1], rows[i + 2]});
            for (int a = 0; a < 3; a++) {
                out[i + a] = v[a] + shift;
            }
        }
        return out;
    }
}
