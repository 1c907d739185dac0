package org.equikern.model;

import java.util.List;
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
    @ParameterizedTest(name = "l_max {0}, parity {1}")
    @CsvSource({"2, true", "2, false", "0, true"})
    void energiesInvariantAndForcesEquivariantUnderO3(int lMax, boolean parity) {
        PotentialChecks.assertInvariantEnergiesAndEquivariantForces(
                NequipModel.create(NequipFixtures.config(lMax, parity), 7), NequipFixtures.batch(), 21);
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
        PotentialChecks.assertArrayClose(reference.energies(), ev.energies(), "energies");
        PotentialChecks.assertArrayClose(reference.forces(), ev.forces(), "forces");
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
        PotentialChecks.assertArrayClose(reference.energies(), ev.energies(), "energies");
        double[] expected = new double[positions.length];
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(reference.forces(), 3 * order[k], expected, 3 * k, 3);
        }
        PotentialChecks.assertArrayClose(expected, ev.forces(), "forces");
    }
}
