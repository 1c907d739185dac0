package org.equikern.cli.o3;

import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.group.Rotation;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;

/**
 * How far a potential is from O(3) equivariance: each structure transformed by random orthogonal
 * matrices Q = ±R (Haar-random rotation R, inversion every second time), and the largest
 * |E(Qx) − E(x)| per atom and max |F(Qx) − Q F(x)| over all transformations, atoms and components.
 */
final class Equivariance {
    /** The largest energy change per atom (eV/atom) and force rotation error (eV/Å). */
    record Errors(double energyPerAtom, double force) {
    }

    private Equivariance() {
    }

    /** The errors of {@code potential} over {@code transforms} random transformations of each structure. */
    static Errors measure(Potential potential, List<Structure> structures, int transforms, long seed) {
        Random random = new Random(seed);
        double energyError = 0;
        double forceError = 0;
        for (Structure s : structures) {
            PotentialEvaluation reference = evaluate(potential, s);
            double energy = reference.energies()[0];
            double[] forces = reference.forces();
            for (int t = 0; t < transforms; t++) {
                double[] q = Rotation.random(random).matrix();
                if (t % 2 == 1) {
                    for (int i = 0; i < 9; i++) {
                        q[i] = -q[i];
                    }
                }
                PotentialEvaluation moved = evaluate(potential, transformed(s, q));
                energyError = Math.max(energyError, Math.abs(moved.energies()[0] - energy) / s.atoms());
                double[] expected = applyToRows(q, forces);
                double[] actual = moved.forces();
                for (int i = 0; i < actual.length; i++) {
                    forceError = Math.max(forceError, Math.abs(actual[i] - expected[i]));
                }
            }
        }
        return new Errors(energyError, forceError);
    }

    private static PotentialEvaluation evaluate(Potential potential, Structure s) {
        return potential.evaluate(AtomicBatch.of(List.of(s), potential.cutoff()));
    }

    /** {@code s} with positions and cell vectors multiplied by the row-major 3×3 matrix {@code q}. */
    static Structure transformed(Structure s, double[] q) {
        return Structure.builder(s.symbols(), applyToRows(q, s.positions())).pbc(s.pbc())
                .cell(s.cell() == null ? null : applyToRows(q, s.cell())).build();
    }

    private static double[] applyToRows(double[] q, double[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            for (int r = 0; r < 3; r++) {
                out[i + r] = q[3 * r] * rows[i] + q[3 * r + 1] * rows[i + 1] + q[3 * r + 2] * rows[i + 2];
            }
        }
        return out;
    }
}
