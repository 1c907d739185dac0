package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The radial second derivatives (for the edge embedding's Hessian term) against central differences of
 * the first derivatives, on both sides of the Bessel series thresholds, for both bases, several
 * envelope exponents and the embedding that combines them.
 */
class RadialSecondDerivativeTest {
    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-7;
    /** From the short-edge series region (x = w r below 0.1) to the cutoff. */
    private static final double[] RADII = {1e-3, 0.02, 0.0954, 0.0956, 0.4, 1.3, 2.2, 2.95};

    @Test
    void besselSecondDerivativesAreDifferencesOfTheFirst() {
        for (RadialBasis basis : new RadialBasis[] {BesselBasis.nequip(3.0, 8), BesselBasis.of(5.0, 3)}) {
            assertBasis(basis);
        }
    }

    @Test
    void gaussianSecondDerivativesAreDifferencesOfTheFirst() {
        assertBasis(GaussianBasis.interior(0.0, 3.5, 6));
        assertBasis(GaussianBasis.of(0.5, 3.0, 4));
    }

    @Test
    void besselSecondDerivativeAtZeroIsTheSeriesLimit() {
        BesselBasis b = BesselBasis.nequip(3.0, 2);
        double[] out = new double[2];
        b.secondDerivatives(0, out, 0);
        for (int k = 0; k < 2; k++) {
            double w = b.frequency(k);
            // sinc''(0) = -1/3
            assertEquals(-b.prefactor() * w * w * w / 3, out[k], 1e-15 * Math.abs(out[k]));
        }
    }

    @Test
    void cutoffSecondDerivativeIsTheDifferenceOfTheFirst() {
        for (double p : new double[] {1, 2, 5, 6, 7.5}) {
            PolynomialCutoff c = PolynomialCutoff.of(3.0, p);
            for (double r = 0.05; r < 3; r += 0.29) {
                double expected = (c.derivative(r + H) - c.derivative(r - H)) / (2 * H);
                assertEquals(expected, c.secondDerivative(r), TOLERANCE * Math.max(1, Math.abs(expected)),
                        "p " + p + " r " + r);
            }
            assertEquals(0.0, c.secondDerivative(3.0));
            assertEquals(0.0, c.secondDerivative(4.0));
        }
    }

    @Test
    void theEmbeddingCombinesBasisAndEnvelope() {
        RadialEmbedding embedding = RadialEmbedding.of(BesselBasis.nequip(3.0, 8), PolynomialCutoff.of(3.0, 5));
        int n = embedding.size();
        double[] values = new double[n];
        double[] first = new double[n];
        double[] second = new double[n];
        double[] plainValues = new double[n];
        double[] plainFirst = new double[n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] ignored = new double[n];
        for (double r : RADII) {
            embedding.evaluate(r, values, first, second, 0);
            embedding.evaluate(r, plainValues, plainFirst, 0);
            embedding.evaluate(r + H, ignored, plus, 0);
            embedding.evaluate(r - H, ignored, minus, 0);
            for (int k = 0; k < n; k++) {
                assertEquals(plainValues[k], values[k], 0.0, "value r " + r);
                assertEquals(plainFirst[k], first[k], 0.0, "first derivative r " + r);
                double expected = (plus[k] - minus[k]) / (2 * H);
                assertEquals(expected, second[k], TOLERANCE * Math.max(1, Math.abs(expected)), "r " + r + " k " + k);
            }
        }
    }

    private static void assertBasis(RadialBasis basis) {
        int n = basis.size();
        double[] second = new double[n];
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] values = new double[n];
        for (double r : RADII) {
            basis.secondDerivatives(r, second, 0);
            basis.evaluate(r + H, values, plus, 0);
            basis.evaluate(r - H, values, minus, 0);
            for (int k = 0; k < n; k++) {
                double expected = (plus[k] - minus[k]) / (2 * H);
                assertEquals(expected, second[k], TOLERANCE * Math.max(1, Math.abs(expected)),
                        basis + " r " + r + " k " + k);
            }
        }
    }
}
