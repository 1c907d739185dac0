package org.equikern.train;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;

/**
 * What a potential predicts for one structure of a batch: its energy, its {@code atoms × 3} forces
 * (atom-major) and, when asked for, its per-atom energies (else null). Arrays are not copied: a
 * prediction is a read-only carrier between an evaluation and where it is written.
 *
 * @param structure   the structure, as batched
 * @param energy      its energy
 * @param forces      {@code atoms × 3} forces −∂E/∂positions
 * @param atomEnergies per-atom energies summing to {@code energy}, or null
 */
public record StructurePrediction(Structure structure, double energy, double[] forces, double[] atomEnergies) {
    /**
     * Cuts the evaluation of {@code batch} into one prediction per structure, in batch order.
     *
     * @param batch the evaluated batch
     * @param evaluation its evaluation
     * @param withAtomEnergies whether to include per-atom energies; models without them throw
     *     {@link UnsupportedOperationException} from {@link PotentialEvaluation#atomEnergies()}
     * @return one prediction per structure
     */
    public static List<StructurePrediction> split(AtomicBatch batch, PotentialEvaluation evaluation,
            boolean withAtomEnergies) {
        double[] energies = evaluation.energies();
        double[] forces = evaluation.forces();
        double[] atomEnergies = withAtomEnergies ? evaluation.atomEnergies() : null;
        List<StructurePrediction> out = new ArrayList<>(batch.structureCount());
        int atom = 0;
        for (int s = 0; s < batch.structureCount(); s++) {
            Structure structure = batch.structures().get(s);
            int atoms = structure.atoms();
            double[] f = new double[Math.multiplyExact(3, atoms)];
            System.arraycopy(forces, Math.multiplyExact(3, atom), f, 0, f.length);
            double[] e = null;
            if (atomEnergies != null) {
                e = new double[atoms];
                System.arraycopy(atomEnergies, atom, e, 0, atoms);
            }
            out.add(new StructurePrediction(structure, energies[s], f, e));
            atom = Math.addExact(atom, atoms);
        }
        return out;
    }

    /**
     * The structure with the predicted energy and forces in place of any it had.
     *
     * @return a new structure
     */
    public Structure labelled() {
        return structure.toBuilder().energy(energy).forces(forces).build();
    }
}
