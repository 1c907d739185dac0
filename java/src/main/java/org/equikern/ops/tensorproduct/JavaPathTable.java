package org.equikern.ops.tensorproduct;

import java.util.List;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.PlanPath;

/**
 * The Java backend's flattening of a {@link Plan}: its paths as primitive arrays for loops that
 * should not walk objects (the GPU backend has its own, {@link TensorProductTables}).
 * <ul>
 *   <li>{@link #table}: {@link #PATH_STRIDE} ints per path, fields at the {@code PATH_*} offsets
 *   below; offsets are into a sample's feature / weight vector (e3nn {@code mul_ir} layout), dims
 *   are irrep dimensions 2l+1.</li>
 *   <li>{@link #cgIndices}: (i, j, k) per nonzero, paths one after the other starting at
 *   {@code PATH_CG_START}; {@link #cgValues}: the matching values with the coefficient folded in.</li>
 *   <li>{@link #pairTargets}: for modes that do not mix channels, the output channel of each pair,
 *   starting at {@code PATH_TARGET_START}.</li>
 * </ul>
 */
final class JavaPathTable {
    /** {@code Mode.ordinal()}. */
    static final int PATH_MODE = 0;
    /** {@code Mode.Pairs.ordinal()}: 0 all (u, v), 1 diagonal (u, u), 2 upper (u &lt; v). */
    static final int PATH_PAIRS = 1;
    /** {@code Mode.Target.ordinal()}: 0 mixed (weights [pair, w]), 1 channel u, 2 channel v, 3 channel = pair. */
    static final int PATH_TARGET = 2;
    /** 1 when the path is weighted, else 0. */
    static final int PATH_HAS_WEIGHT = 3;
    /** Start of the in1 block in an input-1 feature vector. */
    static final int PATH_IN1_OFFSET = 4;
    /** Multiplicity of the in1 block. */
    static final int PATH_IN1_MUL = 5;
    /** Irrep dimension 2l+1 of the in1 block. */
    static final int PATH_IN1_DIM = 6;
    /** Start of the in2 block in an input-2 feature vector. */
    static final int PATH_IN2_OFFSET = 7;
    /** Multiplicity of the in2 block. */
    static final int PATH_IN2_MUL = 8;
    /** Irrep dimension of the in2 block. */
    static final int PATH_IN2_DIM = 9;
    /** Start of the output block in an output feature vector. */
    static final int PATH_OUT_OFFSET = 10;
    /** Multiplicity of the output block. */
    static final int PATH_OUT_MUL = 11;
    /** Irrep dimension of the output block. */
    static final int PATH_OUT_DIM = 12;
    /** Start of the path's weights in a sample's weight vector (e3nn layout). */
    static final int PATH_WEIGHT_OFFSET = 13;
    /** Weights of the path (0 when unweighted). */
    static final int PATH_WEIGHT_SIZE = 14;
    /** Channel pairs multiplied (0 for an empty path). */
    static final int PATH_PAIR_COUNT = 15;
    /** First nonzero of the path in {@link #cgValues} (and ×3 in {@link #cgIndices}). */
    static final int PATH_CG_START = 16;
    /** Number of Clebsch–Gordan nonzeros of the path. */
    static final int PATH_CG_COUNT = 17;
    /** First entry of the path in {@link #pairTargets} (PATH_PAIR_COUNT entries, none when mixed). */
    static final int PATH_TARGET_START = 18;
    /** Ints per path in {@link #table}. */
    static final int PATH_STRIDE = 19;

    final int[] table;
    final int[] cgIndices;
    final double[] cgValues;
    final int[] pairTargets;

    JavaPathTable(Plan plan) {
        List<PlanPath> paths = plan.paths();
        int nnz = 0;
        int targets = 0;
        for (PlanPath p : paths) {
            nnz += p.cgCount();
            if (p.mode().target() != Mode.Target.MIXED) targets += p.pairCount();
        }
        this.table = new int[paths.size() * PATH_STRIDE];
        this.cgIndices = new int[3 * nnz];
        this.cgValues = new double[nnz];
        this.pairTargets = new int[targets];
        fill(paths);
    }

    private void fill(List<PlanPath> paths) {
        int cg = 0;
        int target = 0;
        for (int n = 0; n < paths.size(); n++) {
            PlanPath p = paths.get(n);
            int[] row = {
                p.mode().ordinal(), p.mode().pairs().ordinal(), p.mode().target().ordinal(), p.hasWeight() ? 1 : 0,
                p.in1Offset(), p.in1Mul(), p.in1Irrep().dim(),
                p.in2Offset(), p.in2Mul(), p.in2Irrep().dim(),
                p.outOffset(), p.outMul(), p.outIrrep().dim(),
                p.weightOffset(), p.weightSize(), p.pairCount(), cg, p.cgCount(), target
            };
            System.arraycopy(row, 0, table, n * PATH_STRIDE, PATH_STRIDE);
            for (int z = 0; z < p.cgCount(); z++, cg++) {
                cgIndices[3 * cg] = p.cgI(z);
                cgIndices[3 * cg + 1] = p.cgJ(z);
                cgIndices[3 * cg + 2] = p.cgK(z);
                cgValues[cg] = p.cgValue(z);
            }
            if (p.mode().target() != Mode.Target.MIXED) {
                for (int q = 0; q < p.pairCount(); q++) pairTargets[target++] = p.pairTarget(q);
            }
        }
    }
}
