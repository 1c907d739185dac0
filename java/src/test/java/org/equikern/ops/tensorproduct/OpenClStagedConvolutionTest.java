package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.group.Irreps;
import org.equikern.ops.tensorproduct.generated.TensorProductKernels;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole convolution contract on the first OpenCL device (PoCL in CI) with the generated
 * kernels and the staged forward forced (the GPU device types' schedule: a work-group per node,
 * edge rows copied through local memory), both precisions, forward, backward and double backward.
 */
@ExtendWith({ForceGeneratedKernels.class, ForceStagedConvolution.class})
class OpenClStagedConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    /**
     * A plan whose f64 rows exceed the local-memory budget: f32 runs staged (one edge per stage),
     * f64 falls back to the unstaged forward; both match the step-by-step composition.
     */
    @Test
    void rowsOverTheBudgetFallBackToTheUnstagedForward() {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2100x0e"), Irreps.parse("0e"),
                Irreps.parse("2100x0e")));
        assertTrue(GeneratedTensorProduct.stagingChosen((KernelDevice) device), "staging is forced");
        assertTrue(TensorProductKernels.hasStagedConvolution(plan, DType.FLOAT32, KernelDialect.OPENCL_C));
        assertFalse(TensorProductKernels.hasStagedConvolution(plan, DType.FLOAT64, KernelDialect.OPENCL_C));
        matchesStepByStepComposition("over the f64 budget", plan.spec(), 12);
    }
}
