package org.equikern.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forces and the energy+force loss's parameter gradient of {@link MaceModel} against central finite
 * differences, float64, on two periodic structures (one cell smaller than the cutoff), for each
 * correlation order: the mixed second derivatives through the symmetric contraction, convolution,
 * radial MLP, linear maps, skip connections and the nonlinear readout.
 */
class MaceGradientTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void forcesAreMinusTheEnergyGradient(int correlation) {
        PotentialChecks.assertForcesAreMinusTheEnergyGradient(MaceModel.create(MaceFixtures.config(correlation), 11),
                NequipFixtures.batch());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void lossGradientMatchesFiniteDifferencesForEveryParameter(int correlation) {
        PotentialChecks.assertLossGradientMatchesFiniteDifferences(MaceModel.create(MaceFixtures.config(correlation),
                5), NequipFixtures.batch(), 3, 3);
    }
}
