package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole convolution contract on the first OpenCL device (PoCL in CI) in {@code ir_mul} with
 * the generated kernels and the staged forward forced: the staged rows keep the operands'
 * channel-contiguous layout, and the kernels index them so.
 */
@ExtendWith({ForceGeneratedKernels.class, ForceStagedConvolution.class})
class OpenClStagedIrMulConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Override
    protected IrrepsLayout layout() {
        return IrrepsLayout.IR_MUL;
    }
}
