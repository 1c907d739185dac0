package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole convolution contract on the first OpenCL device (PoCL in CI) with the generated
 * kernels forced: the fused generated convolution (node items over CSR edge segments) in both
 * precisions and both summations, forward, backward and double backward.
 */
@ExtendWith(ForceGeneratedKernels.class)
class OpenClGeneratedConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
