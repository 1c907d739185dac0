package org.equikern.ops.axpy;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link AxpyOp}'s kernel on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClAxpyOpTest extends AxpyOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
