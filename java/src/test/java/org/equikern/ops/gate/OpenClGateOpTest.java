package org.equikern.ops.gate;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Gate kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClGateOpTest extends GateOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
