package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.data.AtomicBatch;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MaceModel}'s energies invariant and forces equivariant under rotations with and without
 * inversion, and its per-atom energies summing to the structures' energies.
 */
class MaceSymmetryTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void energiesInvariantAndForcesEquivariantUnderO3(int correlation) {
        PotentialChecks.assertInvariantEnergiesAndEquivariantForces(MaceModel.create(MaceFixtures.config(correlation),
                7), NequipFixtures.batch(), 21);
    }

    @Test
    void atomEnergiesSumToTheStructureEnergies() {
        AtomicBatch batch = NequipFixtures.batch();
        PotentialEvaluation ev = MaceModel.create(MaceFixtures.config(2), 8).evaluate(batch);
        double[] sums = new double[batch.structureCount()];
        double[] atomEnergies = ev.atomEnergies();
        int[] structureOfAtom = batch.structureOfAtom();
        for (int a = 0; a < atomEnergies.length; a++) {
            sums[structureOfAtom[a]] += atomEnergies[a];
        }
        double[] energies = ev.energies();
        for (int k = 0; k < energies.length; k++) {
            assertEquals(energies[k], sums[k], 1e-12 * Math.abs(energies[k]), "structure " + k);
        }
    }
}
