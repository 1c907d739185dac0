package org.equikern.ops.linear;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Linear kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClLinearOpTest extends LinearOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
