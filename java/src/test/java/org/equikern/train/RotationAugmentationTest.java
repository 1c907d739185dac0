package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;

/** Augmentation turns each structure rigidly, with its forces, by its own rotation. */
class RotationAugmentationTest {
    private static Structure water(double dx) {
        return Structure.builder(new String[] {"O", "H", "H"}, new double[] {dx, 0, 0, dx + 0.96, 0, 0, dx - 0.24, 0.93, 0})
                .periodicCell(new double[] {6, 0, 0, 0, 7, 0, 0, 0, 8}).energy(-14.2)
                .forces(new double[] {0.1, 0.2, 0.3, -0.1, 0, 0.05, 0, -0.2, -0.35}).build();
    }

    private static double[] gram(double[] rows) {
        int n = rows.length / 3;
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i * n + j] = rows[3 * i] * rows[3 * j] + rows[3 * i + 1] * rows[3 * j + 1]
                        + rows[3 * i + 2] * rows[3 * j + 2];
            }
        }
        return g;
    }

    @Test
    void eachStructureIsTurnedRigidlyWithItsForces() {
        AtomicBatch batch = AtomicBatch.of(List.of(water(0), water(1)), 3.0);
        AtomicBatch turned = RotationAugmentation.randomlyRotated(batch, 3.0, new Random(2));
        assertEquals(batch.graph().edgeCount(), turned.graph().edgeCount());
        double[] d0 = batch.graph().distances();
        double[] d1 = turned.graph().distances();
        Arrays.sort(d0);
        Arrays.sort(d1);
        assertArrayEquals(d0, d1, 1e-12);
        for (int k = 0; k < 2; k++) {
            Structure a = batch.structures().get(k);
            Structure b = turned.structures().get(k);
            assertEquals(a.energy(), b.energy(), 0.0);
            // Rotations keep all inner products of positions, cell vectors and forces (and their mixtures).
            double[] before = concat(a.positions(), a.cell(), a.forces());
            double[] after = concat(b.positions(), b.cell(), b.forces());
            assertArrayEquals(gram(before), gram(after), 1e-12);
            double moved = 0;
            for (int i = 0; i < before.length; i++) {
                moved = Math.max(moved, Math.abs(before[i] - after[i]));
            }
            assertTrue(moved > 1e-3, "the structure was turned: " + moved);
        }
        // Different structures get different rotations: the rotated copies of equal molecules differ.
        double[] p0 = turned.structures().get(0).positions();
        double[] p1 = turned.structures().get(1).positions();
        assertTrue(Math.abs((p0[3] - p0[0]) - (p1[3] - p1[0])) > 1e-3);
        AtomicBatch again = RotationAugmentation.randomlyRotated(batch, 3.0, new Random(2));
        assertArrayEquals(turned.positions(), again.positions(), 0.0);
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }
}
