package org.equikern.ops.tensorproduct.generated;

import org.equikern.device.DType;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.tp.Plan;

/**
 * The shared-memory budget of the staged convolution, fixed when its kernel is generated: how
 * many edges' rows (sender features, attributes, per-edge weights) one stage holds.
 */
final class StagingBudget {
    /** CUDA's static shared memory per block. */
    static final int CUDA_BYTES = 48 * 1024;
    /** The local memory every OpenCL 1.2 device guarantees. */
    static final int OPENCL_BYTES = 32 * 1024;
    /** More edges per stage buy nothing once a stage covers a typical node's segment. */
    static final int MAX_EDGES_PER_STAGE = 32;

    private StagingBudget() {}

    /** Reals staged per edge: the sender's row, the attribute row and, when per edge, the weights. */
    static int stagedRow(Plan plan) {
        int weights = plan.sharedWeights() ? 0 : plan.weightNumel();
        return Math.addExact(Math.addExact(plan.dim1(), plan.dim2()), weights);
    }

    /**
     * Edges per stage within the dialect's budget, at most {@link #MAX_EDGES_PER_STAGE}; 0 when not
     * even one edge's rows fit (the plan then has no staged kernel).
     */
    static int edgesPerStage(Plan plan, DType precision, KernelDialect dialect) {
        long rowBytes = (long) stagedRow(plan) * precision.bytes();
        if (rowBytes == 0) return 0;
        long budget = dialect == KernelDialect.CUDA_C ? CUDA_BYTES : OPENCL_BYTES;
        return (int) Math.min(MAX_EDGES_PER_STAGE, budget / rowBytes);
    }
}
