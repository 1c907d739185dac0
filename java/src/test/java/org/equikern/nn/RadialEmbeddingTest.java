package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RadialEmbeddingTest {
    private static final double H = 1e-6;

    @Test
    void polynomialCutoffByHand() {
        PolynomialCutoff u = PolynomialCutoff.of(4.0);
        assertEquals(6.0, u.exponent());
        assertEquals(1.0, u.value(0));
        double x = 0.5;
        assertEquals(1 - 28 * Math.pow(x, 6) + 48 * Math.pow(x, 7) - 21 * Math.pow(x, 8), u.value(2.0), 1e-15);
        assertEquals(0.0, u.value(4.0));
        assertEquals(0.0, u.value(7.0));
        assertEquals(0.0, u.derivative(4.0), 0.0);
        assertEquals(0.0, u.derivative(0.0), 0.0);
        // Smooth at the cutoff: value and slope vanish to third order.
        assertEquals(0.0, u.value(4.0 - 1e-4), 1e-10);
        assertEquals(0.0, u.derivative(4.0 - 1e-4), 1e-7);
        for (double p : new double[] {1, 3, 6, 7.5}) {
            PolynomialCutoff c = PolynomialCutoff.of(4.0, p);
            for (double r = 0.05; r < 4; r += 0.37) {
                assertEquals((c.value(r + H) - c.value(r - H)) / (2 * H), c.derivative(r), 1e-8, "p " + p + " r " + r);
            }
        }
    }

    @Test
    void besselBasisByHand() {
        BesselBasis b = BesselBasis.of(5.0, 4);
        BesselBasis nequip = BesselBasis.nequip(5.0, 4);
        double[] v = new double[4];
        double[] w = new double[4];
        b.evaluate(1.3, v, null, 0);
        nequip.evaluate(1.3, w, null, 0);
        for (int n = 1; n <= 4; n++) {
            double sin = Math.sin(n * Math.PI * 1.3 / 5.0) / 1.3;
            assertEquals(Math.sqrt(2 / 5.0) * sin, v[n - 1], 1e-15);
            assertEquals(2 / 5.0 * sin, w[n - 1], 1e-15);
        }
        double[] d = new double[4];
        b.evaluate(0, v, d, 0);
        for (int n = 1; n <= 4; n++) {
            assertEquals(Math.sqrt(2 / 5.0) * n * Math.PI / 5.0, v[n - 1], 1e-15);
            assertEquals(0.0, d[n - 1], 0.0);
        }
    }

    @Test
    void gaussianBasisByHand() {
        GaussianBasis g = GaussianBasis.of(0, 5, 6);
        assertEquals(1.0, g.width());
        assertEquals(3.0, g.centre(3));
        GaussianBasis inner = GaussianBasis.interior(0, 5, 4);
        assertEquals(1.0, inner.width());
        assertEquals(1.0, inner.centre(0));
        assertEquals(4.0, inner.centre(3));
        double[] v = new double[6];
        g.evaluate(2.25, v, null, 0);
        for (int k = 0; k < 6; k++) {
            assertEquals(Math.exp(-(2.25 - k) * (2.25 - k)) / 1.12, v[k], 1e-16);
        }
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        RadialBasis[] bases = {BesselBasis.of(5.0, 8), BesselBasis.nequip(5.0, 3), GaussianBasis.of(0.5, 4.5, 7),
                GaussianBasis.interior(0, 5, 5)};
        double[] radii = {1e-3, 0.004, 0.02, 0.3, 1.1, 2.5, 3.9, 4.9, 5.5};
        for (RadialBasis basis : bases) {
            RadialEmbedding emb = RadialEmbedding.of(basis, PolynomialCutoff.of(5.0, 5));
            for (RadialEvaluator f : new RadialEvaluator[] {basis::evaluate, emb::evaluate}) {
                int n = basis.size();
                double[] v = new double[n];
                double[] d = new double[n];
                double[] plus = new double[n];
                double[] minus = new double[n];
                for (double r : radii) {
                    f.evaluate(r, v, d, 0);
                    f.evaluate(r + H, plus, null, 0);
                    f.evaluate(r - H, minus, null, 0);
                    for (int k = 0; k < n; k++) {
                        double numeric = (plus[k] - minus[k]) / (2 * H);
                        assertEquals(numeric, d[k], 1e-7 * Math.max(1, Math.abs(numeric)), basis + " r " + r + " k " + k);
                    }
                }
            }
        }
    }

    @Test
    void embeddingIsBasisTimesEnvelopeAndZeroBeyondCutoff() {
        RadialEmbedding emb = RadialEmbedding.nequip(4.0);
        assertEquals(8, emb.size());
        double[] v = new double[8 + 2];
        double[] b = new double[8];
        emb.evaluate(1.7, v, null, 2);
        emb.basis().evaluate(1.7, b, null, 0);
        double u = emb.cutoff().value(1.7);
        for (int k = 0; k < 8; k++) {
            assertEquals(b[k] * u, v[2 + k], 1e-16);
        }
        double[] d = new double[8];
        emb.evaluate(4.0, b, d, 0);
        for (int k = 0; k < 8; k++) {
            assertEquals(0.0, b[k], 0.0);
            assertEquals(0.0, d[k], 0.0);
        }
    }

    @Test
    void badParametersAreRejected() {
        assertEquals("PolynomialCutoff: cutoff radius must be positive and finite, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> PolynomialCutoff.of(0)).getMessage());
        assertEquals("PolynomialCutoff: cutoff radius must be positive and finite, got -2.0",
                assertThrows(IllegalArgumentException.class, () -> PolynomialCutoff.of(-2)).getMessage());
        assertEquals("PolynomialCutoff: exponent p must be finite and >= 1, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> PolynomialCutoff.of(3, 0.5)).getMessage());
        assertEquals("BesselBasis: cutoff radius must be positive and finite, got NaN",
                assertThrows(IllegalArgumentException.class, () -> BesselBasis.of(Double.NaN, 8)).getMessage());
        assertEquals("BesselBasis: number of functions must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> BesselBasis.nequip(5, 0)).getMessage());
        assertEquals("GaussianBasis: need finite start < end, got start 3.0 and end 3.0",
                assertThrows(IllegalArgumentException.class, () -> GaussianBasis.of(3, 3, 4)).getMessage());
        assertEquals("GaussianBasis: number of functions must be >= 2, got 1",
                assertThrows(IllegalArgumentException.class, () -> GaussianBasis.of(0, 3, 1)).getMessage());
    }

    /** The shape of {@link RadialBasis#evaluate} and {@link RadialEmbedding#evaluate}. */
    private interface RadialEvaluator {
        void evaluate(double r, double[] values, double[] derivatives, int at);
    }
}
