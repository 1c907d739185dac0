package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole convolution contract on the first OpenCL device (PoCL in CI) in {@code ir_mul}, with
 * the generated kernels forced: the fused forward, backward and double backward indexing the
 * channel-contiguous node, attribute and output rows themselves, both precisions and summations.
 */
@ExtendWith(ForceGeneratedKernels.class)
class OpenClGeneratedIrMulConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Override
    protected IrrepsLayout layout() {
        return IrrepsLayout.IR_MUL;
    }
}
