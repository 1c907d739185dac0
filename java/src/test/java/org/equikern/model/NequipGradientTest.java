package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.train.Parameter;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forces and the energy+force loss's parameter gradient of {@link NequipModel} against central finite
 * differences, float64, on two periodic structures (one cell smaller than the cutoff).
 */
class NequipGradientTest {
    private static final double H = 1e-5;

    @ParameterizedTest(name = "l_max {0}, parity {1}")
    @CsvSource({"2, true", "2, false", "0, true"})
    void forcesAreMinusTheEnergyGradient(int lMax, boolean parity) {
        NequipModel model = NequipModel.create(NequipFixtures.config(lMax, parity), 11);
        AtomicBatch batch = NequipFixtures.batch();
        double[] forces = model.evaluate(batch).forces();
        double[] positions = batch.positions();
        double maxForce = 0;
        for (double f : forces) {
            maxForce = Math.max(maxForce, Math.abs(f));
        }
        assertTrue(maxForce > 1e-3, "forces are not trivially zero: " + maxForce);
        for (int i = 0; i < positions.length; i++) {
            double x = positions[i];
            positions[i] = x + H;
            double plus = totalEnergy(model, NequipFixtures.moved(batch, positions));
            positions[i] = x - H;
            double minus = totalEnergy(model, NequipFixtures.moved(batch, positions));
            positions[i] = x;
            double expected = -(plus - minus) / (2 * H);
            assertEquals(expected, forces[i], 1e-7 * maxForce, "force component " + i);
        }
    }

    @ParameterizedTest(name = "l_max {0}, parity {1}")
    @CsvSource({"2, true", "2, false", "0, true"})
    void lossGradientMatchesFiniteDifferencesForEveryParameter(int lMax, boolean parity) {
        NequipModel model = NequipModel.create(NequipFixtures.config(lMax, parity), 5);
        AtomicBatch batch = NequipFixtures.batch();
        SplittableRandom random = new SplittableRandom(3);
        double[] gradEnergies = {random.nextDouble(-1, 1), random.nextDouble(-1, 1)};
        double[] gradForces = new double[3 * batch.atomCount()];
        for (int i = 0; i < gradForces.length; i++) {
            gradForces[i] = random.nextDouble(-1, 1);
        }
        model.parameters().zeroGrad();
        model.evaluate(batch).backward(gradEnergies, gradForces);
        for (Parameter p : model.parameters()) {
            double[] grad = p.grad().clone();
            double scale = 0;
            for (double g : grad) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0, p + " has a zero gradient");
            for (int k = 0; k < 4; k++) {
                int i = random.nextInt(p.size());
                double w = p.values()[i];
                p.values()[i] = w + H;
                double plus = loss(model, batch, gradEnergies, gradForces);
                p.values()[i] = w - H;
                double minus = loss(model, batch, gradEnergies, gradForces);
                p.values()[i] = w;
                assertEquals((plus - minus) / (2 * H), grad[i], 1e-7 * scale, p + " entry " + i);
            }
        }
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

    private static double totalEnergy(NequipModel model, AtomicBatch batch) {
        double sum = 0;
        for (double e : model.evaluate(batch).energies()) {
            sum += e;
        }
        return sum;
    }

    /** L = gradE·E + gradF·F. */
    private static double loss(NequipModel model, AtomicBatch batch, double[] gradEnergies, double[] gradForces) {
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
