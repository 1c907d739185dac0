package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Binary cross-entropy against its closed form, at extreme logits, and its gradient against differences. */
class BinaryCrossEntropyTest {
    @Test
    void matchesTheClosedFormAndStaysFiniteAtExtremeLogits() {
        assertEquals(Math.log(2), BinaryCrossEntropy.loss(new double[] {0}, new double[] {1}), 1e-15);
        // −log σ(2) for label 1 and −log(1 − σ(−1)) = −log σ(1) for label 0, averaged.
        double expected = (-Math.log(1 / (1 + Math.exp(-2))) - Math.log(1 / (1 + Math.exp(-1)))) / 2;
        assertEquals(expected, BinaryCrossEntropy.loss(new double[] {2, -1}, new double[] {1, 0}), 1e-15);
        assertEquals(800, BinaryCrossEntropy.loss(new double[] {-800}, new double[] {1}), 1e-12);
        assertEquals(0, BinaryCrossEntropy.loss(new double[] {800}, new double[] {1}), 1e-300);
        assertEquals(1, BinaryCrossEntropy.sigmoid(800), 0);
        assertEquals(0, BinaryCrossEntropy.sigmoid(-800), 1e-300);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        double[] z = {0.3, -2.1, 4.0};
        double[] y = {1, 0, 0.25};
        double[] g = BinaryCrossEntropy.gradient(z, y);
        for (int k = 0; k < z.length; k++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[k] += 1e-6;
            minus[k] -= 1e-6;
            double numeric = (BinaryCrossEntropy.loss(plus, y) - BinaryCrossEntropy.loss(minus, y)) / 2e-6;
            assertEquals(numeric, g[k], 1e-9);
        }
    }

    @Test
    void mismatchedLengthsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCrossEntropy.loss(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("2 logits and 3 labels"), e.getMessage());
    }
}
