package org.equikern.group.lorentz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LorentzIrrepTest {
    @Test
    void canonicalBasisConcatenatesSu2BlocksWithMAscending() {
        LorentzIrrep r = LorentzIrrep.of(2, 1); // spin (1, 1/2): blocks l = 1/2 (2 components), 3/2 (4)
        assertEquals(6, r.dim());
        int[][] expected = {{1, -1}, {1, 1}, {3, -3}, {3, -1}, {3, 1}, {3, 3}};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i][0], r.twoL(i), "component " + i);
            assertEquals(expected[i][1], r.twoM(i), "component " + i);
            assertEquals(i, r.index(expected[i][0], expected[i][1]));
        }
        assertThrows(IllegalArgumentException.class, () -> r.index(5, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.twoL(6));
        assertEquals(16, LorentzIrrep.of(3, 3).dim());
    }

    @Test
    void productRuleStepsByTwo() {
        List<LorentzIrrep> out = LorentzIrrep.of(1, 2).times(LorentzIrrep.of(1, 1));
        assertEquals(List.of(LorentzIrrep.of(0, 1), LorentzIrrep.of(0, 3), LorentzIrrep.of(2, 1),
                LorentzIrrep.of(2, 3)), out);
        int total = out.stream().mapToInt(LorentzIrrep::dim).sum();
        assertEquals(LorentzIrrep.of(1, 2).dim() * LorentzIrrep.of(1, 1).dim(), total);
        assertTrue(LorentzIrrep.of(1, 1).couplesTo(LorentzIrrep.of(1, 1), LorentzIrrep.of(0, 0)));
        assertFalse(LorentzIrrep.of(1, 1).couplesTo(LorentzIrrep.of(1, 1), LorentzIrrep.of(1, 0)));
        assertEquals("(2,1)", LorentzIrrep.of(2, 1).toString());
    }

    @Test
    void bilinearFormIsTheScalarCouplingAndTheMetricOnFourVectors() {
        for (int k = 0; k <= 3; k++) {
            for (int n = 0; n <= 3; n++) {
                LorentzIrrep r = LorentzIrrep.of(k, n);
                int d = r.dim();
                double[] g = r.bilinearForm();
                LorentzClebschGordan scalar = LorentzClebschGordan.of(r, r, LorentzIrrep.of(0, 0));
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        assertEquals(g[i * d + j], Math.sqrt(d) * scalar.get(i, j, 0), 1e-14, r + " " + i + "," + j);
                    }
                }
            }
        }
        // On (1,1), vᵀ G w of canonical components is the Minkowski product of the 4-vectors.
        double[] p = {3, 1, -2, 0.5};
        double[] q = {-1, 4, 2, 7};
        ComplexMatrix vp = Minkowski.toCanonical(p);
        ComplexMatrix vq = Minkowski.toCanonical(q);
        double[] g = LorentzIrrep.of(1, 1).bilinearForm();
        double re = 0;
        double im = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                re += g[4 * i + j] * (vp.re(i, 0) * vq.re(j, 0) - vp.im(i, 0) * vq.im(j, 0));
                im += g[4 * i + j] * (vp.re(i, 0) * vq.im(j, 0) + vp.im(i, 0) * vq.re(j, 0));
            }
        }
        assertEquals(Minkowski.dot(p, q), re, 1e-14);
        assertEquals(0, im, 1e-14);
    }

    @Test
    void fourVectorMapRoundTrips() {
        double[] p = {3, 1, -2, 0.5};
        ComplexMatrix v = Minkowski.toCanonical(p);
        assertEquals(-1 / Math.sqrt(2), v.re(3, 0), 1e-16); // −(x + iy)/√2
        assertEquals(2 / Math.sqrt(2), v.im(1, 0), 1e-16); // (x − iy)/√2
        double[] back = Minkowski.fromCanonical(v);
        for (int i = 0; i < 4; i++) assertEquals(p[i], back[i], 1e-15);
    }

    @Test
    void labelsOutsideTheLimitsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LorentzIrrep.of(-1, 0));
        assertEquals("Lorentz irrep label k = -1 must be in 0..1000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LorentzIrrep.of(0, 1001));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> LorentzIrrep.of(1000, 1000).bilinearForm());
        assertTrue(big.getMessage().contains("above the limit"), big.getMessage());
    }
}
