package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Energies of {@link NequipModel} invariant and forces equivariant under rotations with and without
 * inversion, translations and permutations of the atoms, on periodic structures.
 */
class NequipSymmetryTest {
    private static final double TOL = 1e-10;

    @ParameterizedTest(name = "l_max {0}, parity {1}")
    @CsvSource({"2, true", "2, false", "0, true"})
    void energiesInvariantAndForcesEquivariantUnderO3(int lMax, boolean parity) {
        NequipModel model = NequipModel.create(NequipFixtures.config(lMax, parity), 7);
        AtomicBatch batch = NequipFixtures.batch();
        PotentialEvaluation reference = model.evaluate(batch);
        SplittableRandom random = new SplittableRandom(21);
        for (int sign : new int[] {1, -1}) {
            double[] r = randomRotation(random);
            for (int i = 0; i < 9; i++) {
                r[i] *= sign;
            }
            List<Structure> rotated = new ArrayList<>();
            for (Structure s : batch.structures()) {
                rotated.add(Structure.builder(s.symbols(), transformRows(r, s.positions())).cell(transformRows(r,
                        s.cell())).pbc(s.pbc()).build());
            }
            PotentialEvaluation ev = model.evaluate(NequipFixtures.batch(rotated));
            assertArrayClose(reference.energies(), ev.energies(), "energies, det " + sign);
            assertArrayClose(transformRows(r, reference.forces()), ev.forces(), "forces, det " + sign);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void energiesAndForcesInvariantUnderTranslation(boolean parity) {
        NequipModel model = NequipModel.create(NequipFixtures.config(parity), 8);
        AtomicBatch batch = NequipFixtures.batch();
        double[] positions = batch.positions();
        for (int i = 0; i < positions.length; i++) {
            positions[i] += new double[] {0.37, -1.1, 2.3}[i % 3];
        }
        PotentialEvaluation reference = model.evaluate(batch);
        PotentialEvaluation ev = model.evaluate(NequipFixtures.moved(batch, positions));
        assertArrayClose(reference.energies(), ev.energies(), "energies");
        assertArrayClose(reference.forces(), ev.forces(), "forces");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void energiesInvariantAndForcesPermutedUnderAtomPermutation(boolean parity) {
        NequipModel model = NequipModel.create(NequipFixtures.config(parity), 9);
        Structure slab = NequipFixtures.slab();
        int[] order = {2, 0, 3, 1};
        String[] symbols = new String[order.length];
        double[] positions = new double[3 * order.length];
        for (int k = 0; k < order.length; k++) {
            symbols[k] = slab.symbols()[order[k]];
            System.arraycopy(slab.positions(), 3 * order[k], positions, 3 * k, 3);
        }
        Structure permuted = Structure.builder(symbols, positions).cell(slab.cell()).pbc(slab.pbc()).build();
        PotentialEvaluation reference = model.evaluate(NequipFixtures.batch(List.of(slab)));
        PotentialEvaluation ev = model.evaluate(NequipFixtures.batch(List.of(permuted)));
        assertArrayClose(reference.energies(), ev.energies(), "energies");
        double[] expected = new double[positions.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(reference.forces(), 3 * order[k], expected, 3 * k, 3);
        }
        assertArrayClose(expected, ev.forces(), "forces");
    }

    /** A uniformly random proper rotation from a normalized random quaternion. */
    private static double[] randomRotation(SplittableRandom random) {
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
    private static double[] transformRows(double[] r, double[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            for (int a = 0; a < 3; a++) {
                out[i + a] = r[3 * a] * rows[i] + r[3 * a + 1] * rows[i + 1] + r[3 * a + 2] * rows[i + 2];
            }
        }
        return out;
    }

    private static void assertArrayClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL * Math.max(scale, 1), what + " [" + i + "]");
        }
    }
}
