package org.equikern.group.lorentz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.Rotation;
import org.equikern.group.WignerD;
import org.junit.jupiter.api.Test;

class LorentzDTest {
    private static final int[][] IRREPS = {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {2, 0}, {2, 1}, {2, 2}, {3, 1}, {4, 2}};

    private static double relativeDifference(ComplexMatrix expected, ComplexMatrix actual) {
        return expected.maxAbsDifference(actual) / expected.maxAbs();
    }

    @Test
    void isAHomomorphismUpToRapidityNine() {
        Random random = new Random(11);
        for (double rapidity : new double[] {0.5, 3, 9}) {
            for (int[] kn : IRREPS) {
                LorentzIrrep r = LorentzIrrep.of(kn[0], kn[1]);
                SL2C g1 = SL2C.random(random, rapidity);
                SL2C g2 = SL2C.random(random, rapidity);
                ComplexMatrix product = LorentzD.of(r, g1).times(LorentzD.of(r, g2));
                double e = relativeDifference(product, LorentzD.of(r, g1.times(g2)));
                assertTrue(e < 1e-13, r + " rapidity " + rapidity + ": " + e);
            }
        }
        ComplexMatrix id = LorentzD.of(LorentzIrrep.of(2, 1), SL2C.identity());
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 1 : 0, id.re(i, j), 1e-15);
                assertEquals(0, id.im(i, j), 1e-15);
            }
        }
    }

    @Test
    void weylSpinorIsTheConjugateMatrixInAscendingOrder() {
        // (1,0): the canonical basis is m = −1/2, +1/2 and D(A) = Ā with rows and columns reversed.
        SL2C a = SL2C.random(new Random(12), 2);
        ComplexMatrix d = LorentzD.of(LorentzIrrep.of(1, 0), a);
        ComplexMatrix m = a.matrix();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(m.re(1 - i, 1 - j), d.re(i, j), 1e-15);
                assertEquals(-m.im(1 - i, 1 - j), d.im(i, j), 1e-15);
            }
        }
    }

    @Test
    void fourVectorsTransformLikeTheirCanonicalComponents() {
        Random random = new Random(13);
        LorentzIrrep vector = LorentzIrrep.of(1, 1);
        for (int trial = 0; trial < 10; trial++) {
            SL2C g = SL2C.random(random, 6);
            double[] p = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            ComplexMatrix viaD = LorentzD.of(vector, g).times(Minkowski.toCanonical(p));
            ComplexMatrix viaLambda = Minkowski.toCanonical(g.toLorentz().apply(p));
            assertTrue(relativeDifference(viaLambda, viaD) < 1e-13, "trial " + trial);
        }
    }

    @Test
    void rotationsActOnEachBlockLikeTheSu2Matrix() {
        // For a rotation, each l-block of (k,n) transforms as spin l; integer l = 1 in the (1,1) vector is
        // the spatial part, which e3nn's real D_1 (x, y, z order) also rotates.
        Rotation r = Rotation.fromEuler(0.3, 1.1, -0.7);
        double[] q = r.toQuaternion();
        double s = Math.sqrt(q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        SL2C g = SL2C.rotation(2 * Math.atan2(s, q[0]), q[1], q[2], q[3]);
        double[] v = {0, 0.2, -1.4, 0.9};
        double[] rotated = WignerD.of(1, r);
        double[] expected = {0, 0, 0, 0};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) expected[i + 1] += rotated[3 * i + j] * v[j + 1];
        }
        ComplexMatrix viaD = LorentzD.of(LorentzIrrep.of(1, 1), g).times(Minkowski.toCanonical(v));
        assertTrue(Minkowski.toCanonical(expected).maxAbsDifference(viaD) < 1e-15);
    }

    @Test
    void bilinearFormIsInvariant() {
        Random random = new Random(14);
        for (int[] kn : IRREPS) {
            LorentzIrrep r = LorentzIrrep.of(kn[0], kn[1]);
            int d = r.dim();
            double[] form = r.bilinearForm();
            ComplexMatrix dg = LorentzD.of(r, SL2C.random(random, 3));
            // Dᵀ G D (plain transpose: the form is bilinear, not sesquilinear)
            double scale = dg.maxAbs() * dg.maxAbs();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double re = 0;
                    double im = 0;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            double g = form[a * d + b];
                            if (g == 0) continue;
                            re += g * (dg.re(a, i) * dg.re(b, j) - dg.im(a, i) * dg.im(b, j));
                            im += g * (dg.re(a, i) * dg.im(b, j) + dg.im(a, i) * dg.re(b, j));
                        }
                    }
                    assertEquals(form[i * d + j], re, 1e-13 * scale, r + " (" + i + ", " + j + ")");
                    assertEquals(0, im, 1e-13 * scale, r + " (" + i + ", " + j + ")");
                }
            }
        }
    }
}
