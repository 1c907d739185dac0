package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The fused convolution on the first OpenCL device (PoCL in CI): runs for real, never skips. */
class OpenClConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
