package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.train.Parameter;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;

/**
 * Checks every atom-centred potential must pass, against independent references: forces and the
 * energy+force loss's parameter gradient against float64 central finite differences, and energies
 * invariant and forces equivariant under rotations with and without inversion.
 */
final class PotentialChecks {
    private static final double H = 1e-5;
    private static final double FD_TOLERANCE = 1e-7;
    private static final double SYMMETRY_TOLERANCE = 1e-10;

    private PotentialChecks() {
    }

    /** Every force component equals minus the central difference of the total energy. */
    static void assertForcesAreMinusTheEnergyGradient(Potential model, AtomicBatch batch) {
        double[] forces = model.evaluate(batch).forces();
        double[] positions = batch.positions();
        double maxForce = maxAbs(forces);
        assertTrue(maxForce > 1e-3, "forces are not trivially zero: " + maxForce);
        for (int i = 0; i < positions.length; i++) {
            double x = positions[i];
            positions[i] = x + H;
            double plus = totalEnergy(model, NequipFixtures.moved(batch, positions));
            positions[i] = x - H;
            double minus = totalEnergy(model, NequipFixtures.moved(batch, positions));
            positions[i] = x;
            assertEquals(-(plus - minus) / (2 * H), forces[i], FD_TOLERANCE * maxForce, "force component " + i);
        }
    }

    /**
     * For random seeds, {@code backward} adds the gradient of {@code L = gradE·E + gradF·F} to every
     * parameter; {@code entries} random entries of each are compared with central differences of L.
     */
    static void assertLossGradientMatchesFiniteDifferences(Potential model, AtomicBatch batch, long seed,
            int entries) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] gradEnergies = new double[batch.structureCount()];
        for (int k = 0; k < gradEnergies.length; k++) {
            gradEnergies[k] = random.nextDouble(-1, 1);
        }
        double[] gradForces = new double[3 * batch.atomCount()];
        for (int i = 0; i < gradForces.length; i++) {
            gradForces[i] = random.nextDouble(-1, 1);
        }
        model.parameters().zeroGrad();
        model.evaluate(batch).backward(gradEnergies, gradForces);
        for (Parameter p : model.parameters()) {
            double[] grad = p.grad().clone();
            double scale = maxAbs(grad);
            assertTrue(scale > 0, p + " has a zero gradient");
            for (int k = 0; k < entries; k++) {
                int i = random.nextInt(p.size());
                double w = p.values()[i];
                p.values()[i] = w + H;
                double plus = loss(model, batch, gradEnergies, gradForces);
                p.values()[i] = w - H;
                double minus = loss(model, batch, gradEnergies, gradForces);
                p.values()[i] = w;
                assertEquals((plus - minus) / (2 * H), grad[i], FD_TOLERANCE * scale, p + " entry " + i);
            }
        }
    }

    /** Energies unchanged and forces rotated with the structures, for a random rotation and its negative. */
    static void assertInvariantEnergiesAndEquivariantForces(Potential model, AtomicBatch batch, long seed) {
        assertInvariantEnergiesAndEquivariantForces(model, batch, seed, SYMMETRY_TOLERANCE);
    }

    /** As above, equal to {@code tolerance} of the larger of 1 and the largest expected magnitude. */
    static void assertInvariantEnergiesAndEquivariantForces(Potential model, AtomicBatch batch, long seed,
            double tolerance) {
        PotentialEvaluation reference = model.evaluate(batch);
        SplittableRandom random = new SplittableRandom(seed);
        for (int sign : new int[] {1, -1}) {
            double[] r = randomRotation(random);
            for (int i = 0; i < 9; i++) {
                r[i] *= sign;
            }
            List<Structure> rotated = new ArrayList<>();
            for (Structure s : batch.structures()) {
                rotated.add(Structure.builder(s.symbols(), transformRows(r, s.positions()))
                        .cell(transformRows(r, s.cell())).pbc(s.pbc()).build());
            }
            PotentialEvaluation ev = model.evaluate(NequipFixtures.batch(rotated));
            assertArrayClose(reference.energies(), ev.energies(), "energies, det " + sign, tolerance);
            assertArrayClose(transformRows(r, reference.forces()), ev.forces(), "forces, det " + sign, tolerance);
        }
    }

    /** A uniformly random proper rotation from a normalized random quaternion. */
    static double[] randomRotation(SplittableRandom random) {
        double w = random.nextGaussian();
        double x = random.nextGaussian();
        double y = random.nextGaussian();
        double z = random.nextGaussian();
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)};
    }

    /** Each 3-vector row v of {@code rows} replaced by {@code R v}. */
    static double[] transformRows(double[] r, double[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                out[i + a] = r[3 * a] * rows[i] + r[3 * a + 1] * rows[i + 1] + r[3 * a + 2] * rows[i + 2];
            }
        }
        return out;
    }

    /** Equal to {@code 1e-10} of the larger of 1 and the largest expected magnitude. */
    static void assertArrayClose(double[] expected, double[] actual, String what) {
        assertArrayClose(expected, actual, what, SYMMETRY_TOLERANCE);
    }

    /** Equal to {@code tolerance} of the larger of 1 and the largest expected magnitude. */
    static void assertArrayClose(double[] expected, double[] actual, String what, double tolerance) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = Math.max(maxAbs(expected), 1);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * scale, what + " [" + i + "]");
        }
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static double totalEnergy(Potential model, AtomicBatch batch) {
        double sum = 0;
        for (double e : model.evaluate(batch).energies()) {
            sum += e;
        }
        return sum;
    }

    /** L = gradE·E + gradF·F. */
    private static double loss(Potential model, AtomicBatch batch, double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation ev = model.evaluate(batch);
        double sum = 0;
        double[] e = ev.energies();
        double[] f = ev.forces();
        for (int k = 0; k < e.length; k++) {
            sum += gradEnergies[k] * e[k];
        }
        for (int i = 0; i < f.length; i++) {
            sum += gradForces[i] * f[i];
        }
        return sum;
    }
}
