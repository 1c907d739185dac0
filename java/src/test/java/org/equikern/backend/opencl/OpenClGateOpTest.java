package org.equikern.backend.opencl;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.GateOpContract;

/** Gate kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClGateOpTest extends GateOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
