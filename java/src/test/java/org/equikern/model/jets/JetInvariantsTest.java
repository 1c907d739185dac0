package org.equikern.model.jets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.equikern.data.jets.Jet;
import org.equikern.data.jets.JetBatch;
import org.equikern.data.jets.JetGenerator;
import org.equikern.data.jets.Signal;
import org.equikern.group.lorentz.LorentzTransform;
import org.junit.jupiter.api.Test;

/**
 * The invariant inputs against the jet's rest frame reached by an explicit boost: z_i is the
 * constituent's energy there over M and g_ij its Minkowski products over M²; both sum to one and do not
 * move under random Lorentz transformations.
 */
class JetInvariantsTest {
    private static final List<Jet> JETS = new JetGenerator(JetGenerator.Settings.DEFAULT).sample(Signal.TOP, 3, 21);

    @Test
    void energyFractionsAndGramAreTheRestFrameEnergiesAndProducts() {
        JetBatch batch = JetBatch.of(JETS);
        JetInvariants invariants = JetInvariants.of(batch);
        double[] z = invariants.energyFractions();
        double[] g = invariants.gram();
        int particles = batch.particles();
        for (int b = 0; b < JETS.size(); b++) {
            Jet jet = JETS.get(b);
            double[] total = jet.total();
            double mass = jet.mass();
            double speed = Math.sqrt(total[1] * total[1] + total[2] * total[2] + total[3] * total[3]);
            double rapidity = 0.5 * Math.log((total[0] + speed) / (total[0] - speed));
            LorentzTransform toRest = LorentzTransform.boost(-rapidity, total[1], total[2], total[3]);
            double[][] rest = new double[jet.count()][];
            for (int i = 0; i < jet.count(); i++) {
                double[] p = new double[4];
                System.arraycopy(jet.momenta(), 4 * i, p, 0, 4);
                rest[i] = toRest.apply(p);
            }
            double zSum = 0;
            double gSum = 0;
            for (int i = 0; i < jet.count(); i++) {
                assertEquals(rest[i][0] / mass, z[b * particles + i], 1e-9, "z of jet " + b + ", particle " + i);
                zSum += z[b * particles + i];
                for (int j = 0; j < jet.count(); j++) {
                    double product = rest[i][0] * rest[j][0] - rest[i][1] * rest[j][1] - rest[i][2] * rest[j][2]
                            - rest[i][3] * rest[j][3];
                    double gij = g[(b * particles + i) * particles + j];
                    assertEquals(product / (mass * mass), gij, 1e-9 * Math.max(1e-3, Math.abs(gij)),
                            "g of jet " + b + ", pair " + i + ", " + j);
                    gSum += gij;
                }
            }
            assertEquals(1, zSum, 1e-12, "Σ z of jet " + b);
            assertEquals(1, gSum, 1e-12, "Σ g of jet " + b);
        }
    }

    @Test
    void paddingIsZeroAndLorentzTransformationsChangeNothing() {
        JetBatch batch = JetBatch.of(JETS);
        JetInvariants before = JetInvariants.of(batch);
        JetInvariants after = JetInvariants.of(batch.transformed(LorentzTransform.random(new Random(22), 2)));
        assertClose(before.gram(), after.gram());
        assertClose(before.energyFractions(), after.energyFractions());
        int particles = batch.particles();
        for (int b = 0; b < JETS.size(); b++) {
            for (int i = JETS.get(b).count(); i < particles; i++) {
                assertEquals(0, before.energyFractions()[b * particles + i], "padding z, jet " + b);
            }
        }
    }

    @Test
    void compressIsTheScaledLogarithm() {
        assertEquals(Math.log(1 + 2 * JetInvariants.SCALE), JetInvariants.compress(2), 1e-15);
        assertEquals(-Math.log(1 + 0.5), JetInvariants.compress(-0.5 / JetInvariants.SCALE), 1e-15);
        assertEquals(0, JetInvariants.compress(0));
    }

    @Test
    void aJetWithoutTimelikeMomentumIsRejected() {
        Jet lightlike = new Jet(new double[] {1, 1, 0, 0, 2, 2, 0, 0}, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JetInvariants.of(JetBatch.of(List.of(lightlike))));
        assertTrue(e.getMessage().startsWith("jet 0 of the batch has squared mass 0.0"), e.getMessage());
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-12 + 1e-9 * Math.abs(expected[k]), "entry " + k);
        }
    }
}
