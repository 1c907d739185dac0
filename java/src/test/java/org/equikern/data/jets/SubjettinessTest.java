package org.equikern.data.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** N-subjettiness and exclusive Durham subjets against hand-computed small jets. */
class SubjettinessTest {
    private static final double COS30 = Math.sqrt(3) / 2;
    /** Massless: 100 GeV along x, 50 along y, 10 at 30° from x towards z. */
    private static final Jet THREE = new Jet(new double[] {100, 100, 0, 0, 50, 0, 50, 0, 10, 10 * COS30, 0, 5}, true);

    @Test
    void theClosestDurhamPairMergesFirst() {
        // d(1,2) = 50²·1, d(1,3) = 10²·(1 − cos 30°) ≈ 13.4, d(2,3) = 10²·1: 1 and 3 merge.
        List<double[]> two = Subjettiness.subjets(THREE, 2);
        assertEquals(2, two.size());
        assertArrayEquals(new double[] {110, 100 + 10 * COS30, 0, 5}, two.get(0), 1e-12);
        assertArrayEquals(new double[] {50, 0, 50, 0}, two.get(1), 1e-12);
    }

    @Test
    void tauIsTheEnergyWeightedAngleToTheNearestAxis() {
        // Axis of the merged pair at atan(5/(100 + 5√3)) from x; particle 3 sits 30° from x on the same side.
        double axis = Math.atan(5 / (100 + 10 * COS30));
        double expected = (100 * axis + 10 * (Math.PI / 6 - axis)) / 160;
        assertEquals(expected, Subjettiness.tau(THREE, 2), 1e-12);
        assertEquals(0, Subjettiness.tau(THREE, 3), 1e-12);
        assertEquals(0, Subjettiness.ratio32(THREE), 1e-12);
    }

    @Test
    void tauIsUnchangedByARotationOfTheWholeJet() {
        Jet jet = new JetGenerator(JetGenerator.Settings.DEFAULT).sample(Signal.TOP, 1, 3).get(0);
        double[] p = jet.momenta();
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[] rotated = p.clone();
        for (int i = 0; i < jet.count(); i++) {
            rotated[4 * i + 1] = c * p[4 * i + 1] - s * p[4 * i + 2];
            rotated[4 * i + 2] = s * p[4 * i + 1] + c * p[4 * i + 2];
        }
        Jet turned = new Jet(rotated, true);
        for (int n = 1; n <= 3; n++) assertEquals(Subjettiness.tau(jet, n), Subjettiness.tau(turned, n), 1e-12);
        assertTrue(Subjettiness.tau(jet, 1) > Subjettiness.tau(jet, 2), "more axes, smaller τ");
    }

    @Test
    void aSubjetCountBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Subjettiness.tau(THREE, 0));
        assertEquals("subjet count = 0: must be >= 1", e.getMessage());
    }
}
