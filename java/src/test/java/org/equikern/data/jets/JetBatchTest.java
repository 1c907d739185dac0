package org.equikern.data.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.equikern.group.lorentz.LorentzTransform;
import org.junit.jupiter.api.Test;

/** Padding, labels and Lorentz transformations of a batch, checked entry by entry. */
class JetBatchTest {
    private final Jet two = new Jet(new double[] {10, 1, 2, 3, 5, 0, 0, 4}, true);
    private final Jet one = new Jet(new double[] {7, 1, 1, 1}, false);

    @Test
    void padsToTheLargestJetWithZerosAfterTheRealParticles() {
        JetBatch batch = JetBatch.of(List.of(two, one));
        assertEquals(2, batch.particles());
        assertArrayEquals(new int[] {2, 1}, batch.counts());
        assertArrayEquals(new double[] {1, 0}, batch.labels());
        assertArrayEquals(new double[] {10, 1, 2, 3, 5, 0, 0, 4, 7, 1, 1, 1, 0, 0, 0, 0}, batch.momenta());
    }

    @Test
    void transformedMapsEveryRealMomentumAndLeavesPaddingZero() {
        LorentzTransform lambda = LorentzTransform.random(new Random(4), 1.5);
        JetBatch batch = JetBatch.of(List.of(two, one)).transformed(lambda);
        double[] p = batch.momenta();
        assertArrayEquals(lambda.apply(new double[] {5, 0, 0, 4}), Arrays.copyOfRange(p, 4, 8), 1e-12);
        assertArrayEquals(lambda.apply(new double[] {7, 1, 1, 1}), Arrays.copyOfRange(p, 8, 12), 1e-12);
        assertArrayEquals(new double[4], Arrays.copyOfRange(p, 12, 16));
    }

    @Test
    void emptyBatchesAndPartialFourVectorsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> JetBatch.of(List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Jet(new double[5], true));
        assertEquals("a jet needs 4 values per constituent and at least one, got 5 values", e.getMessage());
    }
}
