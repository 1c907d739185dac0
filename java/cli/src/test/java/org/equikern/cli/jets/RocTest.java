package org.equikern.cli.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ROC curves, AUC and rejections against hand-worked cases and the brute-force pair count. */
class RocTest {
    @Test
    void aHandWorkedCurve() {
        // Scores 4, 3, 2, 1 with labels S, B, S, B: thresholds admit S, S+B, S+B+S, all.
        Roc roc = Roc.of(new double[] {4, 3, 2, 1}, new double[] {1, 0, 1, 0});
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.signalEfficiency());
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.backgroundEfficiency());
        assertEquals(0.75, roc.auc(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, roc.rejectionAt(0.3));
        assertEquals(2, roc.rejectionAt(0.75), 1e-15);
    }

    @Test
    void aucIsTheFractionOfSignalBackgroundPairsInOrderWithTiesCountingHalf() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 300;
        double[] scores = new double[n];
        double[] labels = new double[n];
        for (int k = 0; k < n; k++) {
            labels[k] = random.nextInt(2);
            scores[k] = random.nextInt(20) + labels[k] * 3; // many ties
        }
        double pairs = 0;
        double ordered = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    ordered += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(ordered / pairs, Roc.of(scores, labels).auc(), 1e-12);
    }

    @Test
    void oneClassOrMismatchedLengthsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Roc.of(new double[] {1, 2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("2 signal and 0 background"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[] {1}, new double[] {1, 0}));
        Roc roc = Roc.of(new double[] {1, 0}, new double[] {1, 0});
        assertThrows(IllegalArgumentException.class, () -> roc.rejectionAt(0));
    }
}
