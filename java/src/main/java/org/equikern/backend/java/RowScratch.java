package org.equikern.backend.java;

/** One thread's rows for {@link RowKernels}, allocated once per plan and reused for every sample. */
final class RowScratch {
    final double[][] x1;
    final double[] x2;
    final double[][] out;
    final double[][] gradOut;
    final double[][] gradX1;
    final double[] gradX2;
    /** Per-sample weight rows (per-sample weights only). */
    final double[][] weights;
    /** Weight-gradient rows: one sample's, or one chunk's sum for shared weights. */
    final double[][] gradWeights;
    /** One path's couplings, z rows, gz rows and x2-gradient rows. */
    final double[] m;
    final double[][] z;
    final double[][] gz;
    final double[][] h;

    RowScratch(RowPlan rp) {
        KernelPlan k = rp.kernel;
        x1 = RowPlan.rows(k.in1Blocks, rp.in1RowStart);
        gradX1 = RowPlan.rows(k.in1Blocks, rp.in1RowStart);
        out = RowPlan.rows(k.outBlocks, rp.outRowStart);
        gradOut = RowPlan.rows(k.outBlocks, rp.outRowStart);
        x2 = new double[k.dim2];
        gradX2 = new double[k.dim2];
        weights = rp.weightRows();
        gradWeights = rp.weightRows();
        m = new double[k.maxCouplings];
        z = new double[rp.maxDim][rp.maxMul];
        gz = new double[rp.maxDim][rp.maxMul];
        h = new double[rp.maxDim][rp.maxMul];
    }
}
