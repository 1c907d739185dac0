package org.equikern.model.lgn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.equikern.group.lorentz.LorentzTransform;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.junit.jupiter.api.Test;

/** Runs the README's "Lorentz group" layer example (README: "A boosted jet through an LGN layer"). */
class LgnReadmeExampleTest {
    @Test
    void boostedJetHasTheSameInvariants() {
        // README: "A boosted jet through an LGN layer"
        LgnLayer layer = new LgnLayer(LgnInputs.IRREPS, LorentzIrreps.parse("2x(0,0)+2x(1,1)"),
                1, 2, new int[] {8}, 2);                       // zonal levels <= (1,1), 2 radial functions, MLP 8 -> 2
        LgnWeights weights = LgnWeights.random(layer, new Random(1), 0.3);
        double[] jet = {5, 1, 0.5, 4.8, 3, -0.4, 0.2, 2.9, 2, 0.3, -0.1, 1.9};  // (E, px, py, pz) x 3 particles
        double[] charges = {1, -1, 0};
        LorentzTransform boost = LorentzTransform.boost(3.0, 0.3, 0.2, 1);     // rapidity 3
        double[] boosted = new double[jet.length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(boost.apply(Arrays.copyOfRange(jet, 4 * i, 4 * i + 4)), 0, boosted, 4 * i, 4);
        }
        int[] counts = {3};                                    // one jet, 3 real particles, no padding
        LgnOutput before = layer.forward(jet, LgnInputs.of(jet, charges, 3), counts, 1, 3, weights,
                Precision.FLOAT64);
        LgnOutput after = layer.forward(boosted, LgnInputs.of(boosted, charges, 3), counts, 1, 3, weights,
                Precision.FLOAT64);
        double error = 0;
        double size = 0;
        for (int k = 0; k < before.scalars().length; k++) {
            error = Math.max(error, Math.abs(after.scalars()[k] - before.scalars()[k]));
            size = Math.max(size, Math.abs(before.scalars()[k]));
        }
        // error / size < 1e-10: the scalars are Lorentz invariants of the jet
        // end README

        assertTrue(error / size < 1e-10, "relative error " + error / size);
        assertEquals(6, before.scalars().length);
        ComplexTensor features = after.features();
        assertEquals(3 * layer.irrepsOut().dim(), features.length());
    }
}
