package org.equikern.backend.java;

import org.equikern.tp.Plan;

/**
 * The flat tables of a {@link Plan}, copied once so the Java kernels read the same arrays a GPU
 * kernel would be given (which also keeps that layout honest).
 */
final class KernelPlan {
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

    KernelPlan(Plan plan) {
        this.paths = plan.pathTable();
        this.pathCount = paths.length / Plan.PATH_STRIDE;
        this.cgIndices = plan.cgIndices();
        this.cgValues = plan.cgValues();
        this.pairTargets = plan.pairTargets();
        this.in1Blocks = plan.blocks(Plan.Operand.IN1);
        this.in2Blocks = plan.blocks(Plan.Operand.IN2);
        this.outBlocks = plan.blocks(Plan.Operand.OUT);
        this.dim1 = plan.dim1();
        this.dim2 = plan.dim2();
        this.dimOut = plan.dimOut();
        this.weightNumel = plan.weightNumel();
        this.sharedWeights = plan.sharedWeights();
        this.maxPairProducts = plan.maxPairProducts();
    }
}
