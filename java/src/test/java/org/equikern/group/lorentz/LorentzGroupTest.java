package org.equikern.group.lorentz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.Rotation;
import org.junit.jupiter.api.Test;

/** SL(2,C), SO⁺(1,3) and the covering map between them. */
class LorentzGroupTest {
    private static double maxAbsDifference(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    @Test
    void coveringMapIsAHomomorphismAndPreservesTheMetric() {
        Random random = new Random(1);
        double[] eta = Minkowski.metric();
        for (int trial = 0; trial < 20; trial++) {
            SL2C a = SL2C.random(random, 9);
            SL2C b = SL2C.random(random, 9);
            double[] product = a.times(b).toLorentz().matrix();
            double[] composed = a.toLorentz().times(b.toLorentz()).matrix();
            assertTrue(maxAbsDifference(product, composed) <= 1e-14 * maxAbs(composed), "trial " + trial);
            // Λᵀ η Λ = η, relative to |Λ|² (the entries reach cosh 9 ≈ 4e3)
            double[] l = a.toLorentz().matrix();
            double scale = maxAbs(l) * maxAbs(l);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double g = 0;
                    for (int k = 0; k < 4; k++) g += l[4 * k + i] * eta[5 * k] * l[4 * k + j];
                    assertEquals(eta[4 * i + j], g, 1e-14 * scale);
                }
            }
            LorentzTransform.of(l); // proper and orthochronous, or it throws
        }
    }

    @Test
    void boostsMatchTheClosedForm() {
        double eta = 2.5;
        double[] n = {2 / 7.0, -3 / 7.0, 6 / 7.0};
        double[] expected = new double[16];
        expected[0] = Math.cosh(eta);
        for (int i = 0; i < 3; i++) {
            expected[i + 1] = Math.sinh(eta) * n[i];
            expected[4 * (i + 1)] = Math.sinh(eta) * n[i];
            for (int j = 0; j < 3; j++) {
                expected[4 * (i + 1) + j + 1] = (i == j ? 1 : 0) + (Math.cosh(eta) - 1) * n[i] * n[j];
            }
        }
        LorentzTransform boost = LorentzTransform.boost(eta, 2, -3, 6);
        assertTrue(maxAbsDifference(expected, boost.matrix()) < 1e-14 * Math.cosh(eta));
        assertEquals(eta, boost.rapidity(), 1e-12);
        double[] rest = boost.apply(new double[] {1, 0, 0, 0});
        assertEquals(Math.sinh(eta) * n[2], rest[3], 1e-13);
    }

    @Test
    void rotationsMatchTheQuaternionRotation() {
        double angle = 1.3;
        double[] axis = {1 / 3.0, 2 / 3.0, -2 / 3.0};
        double s = Math.sin(angle / 2);
        Rotation r = Rotation.fromQuaternion(Math.cos(angle / 2), s * axis[0], s * axis[1], s * axis[2]);
        double[] expected = LorentzTransform.rotation(r).matrix();
        assertTrue(maxAbsDifference(expected, SL2C.rotation(angle, 1, 2, -2).toLorentz().matrix()) < 1e-15);
    }

    @Test
    void fromLorentzRecoversTheElementUpToSign() {
        Random random = new Random(2);
        SL2C[] elements = {SL2C.random(random, 9), SL2C.random(random, 0.1), SL2C.rotation(Math.PI, 0, 1, 0),
            SL2C.rotation(Math.PI, 1, 1, 0).times(SL2C.boost(4, 0, 0, 1)), SL2C.identity()};
        for (SL2C a : elements) {
            SL2C back = SL2C.fromLorentz(a.toLorentz());
            double[] x = a.matrix().real();
            double[] y = back.matrix().real();
            double sign = Math.abs(x[0] - y[0]) + Math.abs(x[1] - y[1]) < Math.abs(x[0] + y[0]) + Math.abs(x[1] + y[1])
                    ? 1 : -1;
            double scale = a.matrix().maxAbs();
            for (int row = 0; row < 2; row++) {
                for (int col = 0; col < 2; col++) {
                    assertEquals(a.matrix().re(row, col), sign * back.matrix().re(row, col), 1e-12 * scale, "" + a);
                    assertEquals(a.matrix().im(row, col), sign * back.matrix().im(row, col), 1e-12 * scale, "" + a);
                }
            }
        }
    }

    @Test
    void randomElementsRespectTheRapidityBoundAndTheSeed() {
        Random random = new Random(3);
        double largest = 0;
        for (int trial = 0; trial < 200; trial++) {
            SL2C g = SL2C.random(random, 3);
            double eta = g.rapidity();
            assertTrue(eta <= 3 + 1e-12, "rapidity " + eta);
            assertEquals(eta, g.toLorentz().rapidity(), 1e-9);
            largest = Math.max(largest, eta);
        }
        assertTrue(largest > 2.9, "largest rapidity " + largest);
        assertEquals(SL2C.random(new Random(9), 5).toString(), SL2C.random(new Random(9), 5).toString());
        assertThrows(IllegalArgumentException.class, () -> SL2C.random(new Random(), -1));
        assertThrows(IllegalArgumentException.class, () -> SL2C.random(new Random(), Double.NaN));
    }

    @Test
    void inversesAndMinkowskiProducts() {
        Random random = new Random(4);
        SL2C g = SL2C.random(random, 4);
        double[] id = g.times(g.inverse()).toLorentz().matrix();
        assertTrue(maxAbsDifference(LorentzTransform.identity().matrix(), id) < 1e-12);
        LorentzTransform l = g.toLorentz();
        double[] back = l.times(l.inverse()).matrix();
        assertTrue(maxAbsDifference(LorentzTransform.identity().matrix(), back) < 1e-10);
        double[] p = {5, 1, -2, 3};
        double[] q = {2, 0.5, 0.25, -1};
        assertEquals(10 - 0.5 + 0.5 + 3, Minkowski.dot(p, q));
        assertEquals(Minkowski.dot(p, q), Minkowski.dot(l.apply(p), l.apply(q)), 1e-12 * Math.cosh(4) * Math.cosh(4) * 30);
        assertEquals(25 - 1 - 4 - 9, Minkowski.squaredNorm(p));
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        double[] parity = LorentzTransform.identity().matrix();
        parity[5] = parity[10] = parity[15] = -1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LorentzTransform.of(parity)).getMessage()
                .contains("not proper"));
        double[] timeReversal = LorentzTransform.identity().matrix();
        timeReversal[0] = timeReversal[5] = -1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LorentzTransform.of(timeReversal))
                .getMessage().contains("not orthochronous"));
        double[] stretched = LorentzTransform.identity().matrix();
        stretched[5] = 2;
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.of(stretched));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.of(new double[9]));
        assertThrows(IllegalArgumentException.class, () -> SL2C.boost(1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SL2C.of(ComplexMatrix.ofReal(2, 2, new double[] {2, 0, 0, 1})));
        assertThrows(IllegalArgumentException.class, () -> Minkowski.dot(new double[3], new double[4]));
        SL2C ok = SL2C.of(ComplexMatrix.ofReal(2, 2, new double[] {2, 1, 1, 1}));
        assertEquals(2.0, ok.matrix().re(0, 0));
    }
}
