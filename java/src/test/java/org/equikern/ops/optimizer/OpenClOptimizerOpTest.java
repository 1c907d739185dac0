package org.equikern.ops.optimizer;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link OptimizerOp}'s kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClOptimizerOpTest extends OptimizerOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
