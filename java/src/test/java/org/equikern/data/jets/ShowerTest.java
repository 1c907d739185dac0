package org.equikern.data.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shower's pieces against closed forms: the truncated exponential, the 1/z energy sharing, two-body
 * decays, boosts and the soft child's energy fraction.
 */
class ShowerTest {
    @Test
    void truncatedExponentialHasItsAnalyticMeanAndStaysInTheUnitInterval() {
        SplittableRandom random = new SplittableRandom(1);
        double rate = 3;
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double u = Shower.truncatedExponential(rate, random);
            assertTrue(u >= 0 && u <= 1, "u = " + u);
            sum += u;
        }
        // E[u] = 1/λ − 1/(e^λ − 1) for density λe^(−λu)/(1 − e^(−λ)) on [0, 1]; its variance is below 1/λ².
        double mean = 1 / rate - 1 / Math.expm1(rate);
        assertEquals(mean, sum / n, 5 / (rate * Math.sqrt(n)));
    }

    @Test
    void softFractionHasTheMeanOfA1OverZDensityAndStaysInItsRange() {
        SplittableRandom random = new SplittableRandom(5);
        double zMin = 0.01;
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double z = Shower.softFraction(zMin, random);
            assertTrue(z >= zMin && z <= 0.5, "z = " + z);
            sum += z;
        }
        // Density 1/(z·ln(1/(2 z_min))) on [z_min, 1/2]: E[z] = (1/2 − z_min)/ln(1/(2 z_min)); variance below 1/4.
        double mean = (0.5 - zMin) / Math.log(0.5 / zMin);
        assertEquals(mean, sum / n, 5 * 0.5 / Math.sqrt(n));
    }

    @Test
    void aSoftSplittingGivesTheSoftChildItsEnergyFractionAndConservesFourMomentum() {
        double[] parent = Kinematics.onShell(40, 500, new double[] {0, 0.6, 0.8});
        for (double z : new double[] {0.02, 0.1, 0.3, 0.5}) {
            Splitting s = Shower.softSplitting(parent, 1600, 400, 9, z, 1.3);
            assertEquals(z * parent[0], s.right()[0], 1e-12 * parent[0], "z = " + z);
            for (int mu = 0; mu < 4; mu++) assertEquals(parent[mu], s.left()[mu] + s.right()[mu], 1e-12 * parent[0]);
            assertEquals(400, Kinematics.massSquared(s.left()), 1e-12 * parent[0] * parent[0]);
            assertEquals(9, Kinematics.massSquared(s.right()), 1e-12 * parent[0] * parent[0]);
        }
    }

    @Test
    void aSoftFractionBelowWhatTheMassesAllowIsClampedToTheBackwardDecay() {
        // Parent m = 10 with |P| = 24 (E = 26), children 6 and 0: E*_S = (100 − 36)/20 = 3.2 = p*, so the
        // softest the massless child can be is E_S = (26·3.2 − 24·3.2)/10 = 0.64, a fraction 0.64/26.
        double[] parent = Kinematics.onShell(10, 24, new double[] {1, 0, 0});
        Splitting s = Shower.softSplitting(parent, 100, 36, 0, 0.001, 0.4);
        assertEquals(0.64, s.right()[0], 1e-12);
        assertArrayEquals(new double[] {0.64, -0.64, 0, 0}, s.right(), 1e-12);
    }

    @Test
    void twoBodyMomentumMatchesTheMasslessAndTheThresholdCases() {
        assertEquals(40, Kinematics.twoBodyMomentum(80, 0, 0), 1e-12);
        assertEquals(0, Kinematics.twoBodyMomentum(80, 30, 50), 1e-12);
        // m = 10 into 6 and 0: p = (m² − m1²)/2m = 64/20.
        assertEquals(3.2, Kinematics.twoBodyMomentum(10, 6, 0), 1e-12);
    }

    @Test
    void boostingTheRestFrameVectorGivesTheParentAndKeepsMasses() {
        double mass = 80;
        double[] parent = Kinematics.onShell(mass, 600, new double[] {0.6, 0, 0.8});
        assertArrayEquals(parent, Kinematics.boostFromRest(parent, mass, new double[] {mass, 0, 0, 0}), 1e-12 * 600);
        double[] child = {5, 1, 2, 3};
        double[] boosted = Kinematics.boostFromRest(parent, mass, child);
        assertEquals(Kinematics.massSquared(child), Kinematics.massSquared(boosted), 1e-10);
    }

    @Test
    void aParentBelowTheCutoffIsALeafAndAboveItSplitsUntilEveryLeafIsBelow() {
        Shower shower = new Shower(4, 3, 0.05);
        double[] parent = Kinematics.onShell(1.5, 100, new double[] {0, 0, 1});
        List<double[]> leaves = new ArrayList<>();
        List<Splitting> splittings = new ArrayList<>();
        shower.evolve(parent, 2.25, new SplittableRandom(2), leaves, splittings::add);
        assertEquals(1, leaves.size());
        assertEquals(0, splittings.size());
        leaves.clear();
        double[] heavy = Kinematics.onShell(90, 500, new double[] {1, 0, 0});
        shower.evolve(heavy, 8100, new SplittableRandom(2), leaves, splittings::add);
        assertTrue(leaves.size() > 1);
        for (double[] leaf : leaves) assertTrue(Kinematics.massSquared(leaf) < 4 + 1e-9, "leaf below t_cut");
    }

    @Test
    void impossibleDecaysAndCutoffsAreRejected() {
        double[] parent = {100, 0, 0, 0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shower.decay(parent, 100, 36, 25, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("heavier than the parent"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shower(0, 3, 0.05));
        assertTrue(e.getMessage().contains("t_cut = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shower(4, -1, 0.05));
        assertTrue(e.getMessage().contains("rate = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Shower(4, 3, 0.5));
        assertTrue(e.getMessage().contains("z_min = 0.5"), e.getMessage());
    }
}
