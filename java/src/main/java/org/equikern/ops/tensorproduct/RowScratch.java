package org.equikern.ops.tensorproduct;

import java.util.Arrays;

/**
 * One work item's rows for {@link RowLoops}: {@link #SLOTS} samples at a time (so a weight row is
 * reused from L1 across them), allocated once per plan and reused.
 */
final class RowScratch {
    /** Samples per block: their rows and one weight row stay within L1 for the widest workloads. */
    static final int SLOTS = 8;

    final double[][][] x1;
    final double[][] x2;
    final double[][][] out;
    final double[][][] gradOut;
    final double[][][] gradX1;
    final double[][] gradX2;
    /** Per-sample weight rows (per-sample weights only, else null rows: the call holds shared ones). */
    final double[][][] weights;
    /** Per-sample weight-gradient rows (shared weights: slot 0 only, as those can be large). */
    final double[][][] gradWeights;
    /** Slot 0's weight-gradient rows in every slot: one chunk's sum for shared weights. */
    final double[][][] sharedGradWeights;
    /** Per slot: one path's couplings, z rows and gz rows; the x2-gradient rows. */
    final double[][] m;
    final double[][][] z;
    final double[][][] gz;
    final double[][] h;

    RowScratch(RowPlan rp) {
        FlatPlan k = rp.kernel;
        x1 = new double[SLOTS][][];
        gradX1 = new double[SLOTS][][];
        out = new double[SLOTS][][];
        gradOut = new double[SLOTS][][];
        weights = new double[SLOTS][][];
        gradWeights = new double[SLOTS][][];
        for (int b = 0; b < SLOTS; b++) {
            x1[b] = RowPlan.rows(k.in1Blocks, rp.in1RowStart);
            gradX1[b] = RowPlan.rows(k.in1Blocks, rp.in1RowStart);
            out[b] = RowPlan.rows(k.outBlocks, rp.outRowStart);
            gradOut[b] = RowPlan.rows(k.outBlocks, rp.outRowStart);
            weights[b] = k.sharedWeights ? null : rp.weightRows();
            gradWeights[b] = k.sharedWeights && b > 0 ? null : rp.weightRows();
        }
        sharedGradWeights = new double[SLOTS][][];
        Arrays.fill(sharedGradWeights, gradWeights[0]);
        x2 = new double[SLOTS][k.dim2];
        gradX2 = new double[SLOTS][k.dim2];
        m = new double[SLOTS][k.maxCouplings];
        z = new double[SLOTS][rp.maxDim][rp.maxMul];
        gz = new double[SLOTS][rp.maxDim][rp.maxMul];
        h = new double[rp.maxDim][rp.maxMul];
    }
}
