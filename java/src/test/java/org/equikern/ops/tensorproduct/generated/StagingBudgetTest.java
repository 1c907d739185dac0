package org.equikern.ops.tensorproduct.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.device.DType;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.group.Irreps;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * The staged convolution's shared-memory budget: edges per stage are the dialect's budget (48 KiB
 * CUDA, 32 KiB OpenCL) over the staged row's bytes, at most 32, and a plan whose row does not fit
 * gets no staged kernel.
 */
class StagingBudgetTest {
    /** 2100x0e ⊗ 0e → 2100x0e channel-wise: a row of 2100 features + 1 attribute + 2100 weights. */
    private final Plan wide = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2100x0e"), Irreps.parse("0e"),
            Irreps.parse("2100x0e")));

    @Test
    void edgesPerStageAreTheBudgetOverTheRowBytes() {
        assertEquals(4201, StagingBudget.stagedRow(wide));
        assertEquals(2, StagingBudget.edgesPerStage(wide, DType.FLOAT32, KernelDialect.CUDA_C)); // 49152 / 16804
        assertEquals(1, StagingBudget.edgesPerStage(wide, DType.FLOAT32, KernelDialect.OPENCL_C)); // 32768 / 16804
        assertEquals(1, StagingBudget.edgesPerStage(wide, DType.FLOAT64, KernelDialect.CUDA_C)); // 49152 / 33608
        assertEquals(0, StagingBudget.edgesPerStage(wide, DType.FLOAT64, KernelDialect.OPENCL_C)); // 33608 > 32768
        Plan shared = Plan.of(wide.spec().toBuilder().sharedWeights(true).build());
        assertEquals(2101, StagingBudget.stagedRow(shared));
        assertEquals(1, StagingBudget.edgesPerStage(shared, DType.FLOAT64, KernelDialect.OPENCL_C)); // 16808 B
        Plan small = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2x0e"), Irreps.parse("0e"),
                Irreps.parse("2x0e")));
        assertEquals(32, StagingBudget.edgesPerStage(small, DType.FLOAT64, KernelDialect.OPENCL_C)); // capped
    }

    @Test
    void aPlanOverTheBudgetHasNoStagedKernel() {
        String over = TensorProductKernels.program(wide, DType.FLOAT64, KernelDialect.OPENCL_C).source();
        assertFalse(TensorProductKernels.hasStagedConvolution(wide, DType.FLOAT64, KernelDialect.OPENCL_C));
        assertFalse(over.contains("tp_gen_conv_forward_staged"), "no staged kernel over the budget");
        assertTrue(over.contains("KERNEL void tp_gen_conv_forward("), "the unstaged forward stays");

        String within = TensorProductKernels.program(wide, DType.FLOAT32, KernelDialect.CUDA_C).source();
        assertTrue(TensorProductKernels.hasStagedConvolution(wide, DType.FLOAT32, KernelDialect.CUDA_C));
        assertTrue(within.contains("KERNEL void tp_gen_conv_forward_staged("));
        // two edges of 4201 reals: 33 608 bytes of the 48 KiB
        assertTrue(within.contains("LOCAL_ARRAY REAL stage[8402];"), "the stage is sized at generation time");
    }
}
