package org.equikern.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.model.PairPotential;

/**
 * Small periodic data sets labelled by a known teacher {@link PairPotential} (Ne and Ar in cubic
 * cells), for training tests: a pair model can fit them exactly.
 */
public final class PairDatasets {
    /** The cutoff of the teacher and of the models trained on its data. */
    public static final double CUTOFF = 3.0;

    private PairDatasets() {
    }

    /** The teacher: Ne and Ar, shifts −1 and −2.5, four Bessel functions, weights N(0, 1) from seed 7. */
    public static PairPotential teacher() {
        return new PairPotential(new int[] {10, 18}, new double[] {-1.0, -2.5}, CUTOFF, 4, 6, 1.0, 1.0, 7);
    }

    /** {@code count} cells of side 4.5 Å with {@code atoms} atoms at least 1.4 Å apart, labelled by the teacher. */
    public static List<Structure> generate(int count, int atoms, long seed) {
        Random random = new Random(seed);
        PairPotential teacher = teacher();
        List<Structure> out = new ArrayList<>();
        double side = 4.5;
        for (int s = 0; s < count; s++) {
            String[] symbols = new String[atoms];
            double[] positions = new double[3 * atoms];
            for (int a = 0; a < atoms; a++) {
                symbols[a] = random.nextBoolean() ? "Ne" : "Ar";
                do {
                    for (int c = 0; c < 3; c++) {
                        positions[3 * a + c] = side * random.nextDouble();
                    }
                } while (tooClose(positions, a, side));
            }
            out.add(label(teacher, Structure.builder(symbols, positions)
                    .periodicCell(new double[] {side, 0, 0, 0, side, 0, 0, 0, side}).build()));
        }
        return out;
    }

    /** {@code structure} with the symbols {@code symbols} (as many as atoms), labelled by the teacher. */
    public static Structure relabelled(Structure structure, String[] symbols) {
        return label(teacher(), Structure.builder(symbols, structure.positions()).periodicCell(structure.cell()).build());
    }

    private static Structure label(PairPotential teacher, Structure unlabelled) {
        PotentialEvaluation labels = teacher.evaluate(AtomicBatch.of(List.of(unlabelled), CUTOFF));
        return unlabelled.toBuilder().energy(labels.energies()[0]).forces(labels.forces()).build();
    }

    /** Whether atom {@code a} is within 1.4 Å of an earlier atom (minimum image). */
    private static boolean tooClose(double[] positions, int a, double side) {
        for (int b = 0; b < a; b++) {
            double d2 = 0;
            for (int c = 0; c < 3; c++) {
                double d = positions[3 * a + c] - positions[3 * b + c];
                d -= side * Math.rint(d / side);
                d2 += d * d;
            }
            if (d2 < 1.4 * 1.4) {
                return true;
            }
        }
        return false;
    }
}
