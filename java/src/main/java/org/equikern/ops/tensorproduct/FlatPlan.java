package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_CG_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_CG_START;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIRS;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;

/**
 * The flat tables of a {@link Plan}, copied once so the Java kernels read the same arrays a GPU
 * kernel would be given (which also keeps that layout honest), plus the couplings that
 * {@link RowLoops} use for paths whose input 2 has one channel.
 */
final class FlatPlan {
    final int[] paths;
    final int pathCount;
    final int[] cgIndices;
    final double[] cgValues;
    final int[] pairTargets;
    final int[] in1Blocks;
    final int[] in2Blocks;
    final int[] outBlocks;
    final int dim1;
    final int dim2;
    final int dimOut;
    final int weightNumel;
    final boolean sharedWeights;
    final int maxPairProducts;
    /**
     * Per path, its first coupling, or -1 when {@link RowLoops} cannot run it (it runs paths with
     * one input-2 channel: uvu, and uvw with shared weights). A coupling is one distinct (i, k) of
     * the path's nonzeros, whose value {@code M_ik = Σ_j C_ijk x2_j} is the same for every channel.
     */
    final int[] couplingStart;
    /** Per path, its number of couplings (0 unless specialized). */
    final int[] couplingCount;
    /** (i, k) per coupling. */
    final int[] couplingIk;
    /** Per coupling, its first term in {@link #termJ}; one more entry closes the last. */
    final int[] termStart;
    /** Component j of input 2 of each term. */
    final int[] termJ;
    /** Folded Clebsch–Gordan value of each term. */
    final double[] termValue;
    /** Most couplings of one path. */
    final int maxCouplings;

    FlatPlan(Plan plan, boolean specialize) {
        JavaPathTable flat = new JavaPathTable(plan);
        this.paths = flat.table;
        this.pathCount = paths.length / PATH_STRIDE;
        this.cgIndices = flat.cgIndices;
        this.cgValues = flat.cgValues;
        this.pairTargets = flat.pairTargets;
        this.in1Blocks = plan.blocks(Plan.Operand.IN1);
        this.in2Blocks = plan.blocks(Plan.Operand.IN2);
        this.outBlocks = plan.blocks(Plan.Operand.OUT);
        this.dim1 = plan.dim1();
        this.dim2 = plan.dim2();
        this.dimOut = plan.dimOut();
        this.weightNumel = plan.weightNumel();
        this.sharedWeights = plan.sharedWeights();
        this.couplingStart = new int[pathCount];
        this.couplingCount = new int[pathCount];
        List<int[]> ik = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> js = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        int most = 0;
        for (int path = 0; path < pathCount; path++) {
            int row = path * PATH_STRIDE;
            couplingStart[path] = -1;
            if (!specialize || !hasOneV(paths, row, sharedWeights)) continue;
            // Group the nonzeros by (i, k), keeping their order, so a run is deterministic.
            Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
            int dOut = paths[row + PATH_OUT_DIM];
            int start = paths[row + PATH_CG_START];
            for (int z = start; z < start + paths[row + PATH_CG_COUNT]; z++) {
                int key = cgIndices[3 * z] * dOut + cgIndices[3 * z + 2];
                groups.computeIfAbsent(key, x -> new ArrayList<>()).add(z);
            }
            couplingStart[path] = ik.size();
            couplingCount[path] = groups.size();
            most = Math.max(most, groups.size());
            for (List<Integer> group : groups.values()) {
                int z0 = group.get(0);
                ik.add(new int[] {cgIndices[3 * z0], cgIndices[3 * z0 + 2]});
                starts.add(js.size());
                for (int z : group) {
                    js.add(cgIndices[3 * z + 1]);
                    values.add(cgValues[z]);
                }
            }
        }
        this.couplingIk = new int[2 * ik.size()];
        for (int q = 0; q < ik.size(); q++) {
            couplingIk[2 * q] = ik.get(q)[0];
            couplingIk[2 * q + 1] = ik.get(q)[1];
        }
        this.termStart = new int[ik.size() + 1];
        for (int q = 0; q < ik.size(); q++) termStart[q] = starts.get(q);
        termStart[ik.size()] = js.size();
        this.termJ = js.stream().mapToInt(Integer::intValue).toArray();
        this.termValue = values.stream().mapToDouble(Double::doubleValue).toArray();
        this.maxCouplings = most;
        this.maxPairProducts = plan.maxPairProducts();
    }

    /** uvu, or weighted uvw with shared weights, with one input-2 channel (as edge spherical harmonics). */
    private static boolean hasOneV(int[] t, int row, boolean shared) {
        if (t[row + PATH_PAIR_COUNT] == 0 || t[row + PATH_IN2_MUL] != 1) return false;
        if (t[row + PATH_PAIRS] != Mode.Pairs.ALL.ordinal()) return false;
        int target = t[row + PATH_TARGET];
        return target == Mode.Target.FIRST.ordinal()
                || target == Mode.Target.MIXED.ordinal() && shared && t[row + PATH_HAS_WEIGHT] == 1;
    }
}
