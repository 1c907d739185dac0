package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.data.AtomicBatch;
import org.equikern.train.Parameter;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Forces and the energy+force loss's parameter gradient of {@link NequipModel} against central finite
 * differences, float64, on two periodic structures (one cell smaller than the cutoff).
 */
class NequipGradientTest {
    @ParameterizedTest(name = "l_max {0}, parity {1}")
    @CsvSource({"2, true", "2, false", "0, true"})
    void forcesAreMinusTheEnergyGradient(int lMax, boolean parity) {
        PotentialChecks.assertForcesAreMinusTheEnergyGradient(
                NequipModel.create(NequipFixtures.config(lMax, parity), 11), NequipFixtures.batch());
    }

    @ParameterizedTest(name = "l_max {0}, parity {1}")
    @CsvSource({"2, true", "2, false", "0, true"})
    void lossGradientMatchesFiniteDifferencesForEveryParameter(int lMax, boolean parity) {
        PotentialChecks.assertLossGradientMatchesFiniteDifferences(
                NequipModel.create(NequipFixtures.config(lMax, parity), 5), NequipFixtures.batch(), 3, 4);
    }

    @Test
    void backwardAddsIntoTheGradients() {
        NequipModel model = NequipModel.create(NequipFixtures.config(true), 6);
        AtomicBatch batch = NequipFixtures.batch();
        double[] gradEnergies = {0.3, -0.8};
        double[] gradForces = new double[3 * batch.atomCount()];
        gradForces[4] = 1.5;
        PotentialEvaluation ev = model.evaluate(batch);
        model.parameters().zeroGrad();
        ev.backward(gradEnergies, gradForces);
        Parameter readout = model.parameters().get("readout.weight");
        double[] once = readout.grad().clone();
        ev.backward(gradEnergies, gradForces);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], readout.grad()[i], 1e-12 * Math.abs(once[i]), "entry " + i);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ev.backward(new double[1], gradForces));
        assertTrue(e.getMessage().contains("gradEnergies"), e.getMessage());
    }
}
