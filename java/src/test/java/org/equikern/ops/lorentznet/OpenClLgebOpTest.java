package org.equikern.ops.lorentznet;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** LorentzNet's LGEB kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClLgebOpTest extends LgebOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
