package org.equikern.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.group.Rotation;

/**
 * Random-rotation data augmentation, for models that are not rotation invariant by construction:
 * each structure of a batch turned by its own Haar-random rotation, positions, cell and reference
 * forces alike (the energy is unchanged). Other per-atom arrays are carried over unrotated.
 */
public final class RotationAugmentation {
    private RotationAugmentation() {
    }

    /**
     * {@code batch} with every structure randomly rotated, its neighbour list rebuilt at {@code cutoff}.
     *
     * @param batch the batch
     * @param cutoff the neighbour cutoff, positive and finite
     * @param random the source of the Haar-uniform rotations, one per structure
     * @return a new batch
     */
    public static AtomicBatch randomlyRotated(AtomicBatch batch, double cutoff, Random random) {
        return AtomicBatch.of(randomlyRotated(batch.structures(), random), cutoff);
    }

    /**
     * {@code structures}, each turned by its own Haar-random rotation drawn from {@code random} in order.
     *
     * @param structures the structures, in order
     * @param random the source of the rotations, drawn one per structure in order
     * @return a new list of rotated structures
     */
    public static List<Structure> randomlyRotated(List<Structure> structures, Random random) {
        List<Structure> rotated = new ArrayList<>(structures.size());
        for (Structure s : structures) {
            rotated.add(rotate(s, Rotation.random(random)));
        }
        return rotated;
    }

    /**
     * {@code s} turned by {@code rotation}: positions, cell vectors and forces rotated.
     *
     * @param s the structure
     * @param rotation the rotation
     * @return the rotated structure; energy and other values unchanged
     */
    public static Structure rotate(Structure s, Rotation rotation) {
        Structure.Builder rotated = Structure.builder(s.symbols(), rotateRows(rotation, s.positions()));
        rotated.pbc(s.pbc()).cell(s.cell() == null ? null : rotateRows(rotation, s.cell()));
        if (s.hasEnergy()) {
            rotated.energy(s.energy());
        }
        rotated.forces(s.forces() == null ? null : rotateRows(rotation, s.forces()));
        s.arrays().forEach(rotated::array);
        s.info().forEach(rotated::info);
        return rotated.build();
    }

    private static double[] rotateRows(Rotation rotation, double[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            double[] v = rotation.apply(new double[] {rows[i], rows[i + 1], rows[i + 2]});
            System.arraycopy(v, 0, out, i, 3);
        }
        return out;
    }
}
