package org.equikern.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzClebschGordan;
import org.equikern.group.lorentz.LorentzD;
import org.equikern.group.lorentz.LorentzIrrep;
import org.equikern.group.lorentz.LorentzTransform;
import org.equikern.group.lorentz.Minkowski;
import org.equikern.group.lorentz.SL2C;
import org.junit.jupiter.api.Test;

/** The README's Lorentz example, kept compiling and correct (the README copies this body). */
class LorentzReadmeExampleTest {
    @Test
    void randomBoostAndAnIntertwiningCoupling() {
        // README: "Lorentz group (host math)"
        SL2C g = SL2C.random(new Random(42), 3.0);                  // seeded, rapidity <= 3
        LorentzTransform lambda = g.toLorentz();                    // its 4x4 matrix in SO+(1,3)
        double[] p = {5, 1, 2, 3};                                  // 4-momenta (t, x, y, z)
        double[] q = {4, -1, 0, 2};
        LorentzIrrep vector = LorentzIrrep.of(1, 1);                // dimension 4, canonical basis
        LorentzClebschGordan cg = LorentzClebschGordan.of(vector, vector, LorentzIrrep.of(2, 0));
        ComplexMatrix coupled = cg.couple(Minkowski.toCanonical(p), Minkowski.toCanonical(q));
        ComplexMatrix before = LorentzD.of(cg.out(), g).times(coupled);   // D(g)·C(p⊗q)
        ComplexMatrix after = cg.couple(Minkowski.toCanonical(lambda.apply(p)),
                Minkowski.toCanonical(lambda.apply(q)));                  // C(Λp ⊗ Λq)
        double error = before.maxAbsDifference(after) / after.maxAbs();  // ~1e-15: C intertwines
        // end README

        assertTrue(error < 1e-14, "error " + error);
        assertTrue(after.maxAbs() > 1, "the (2,0) part of p⊗q is not zero");
        assertEquals(Minkowski.squaredNorm(p), Minkowski.squaredNorm(lambda.apply(p)), 1e-12);
    }
}
