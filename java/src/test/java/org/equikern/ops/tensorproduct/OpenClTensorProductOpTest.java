package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Tensor-product kernels on the first OpenCL device (PoCL in CI): runs for real, never skips. */
class OpenClTensorProductOpTest extends TensorProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
