package org.equikern.ops.lorentzproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The complex Lorentz CG product on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClLorentzProductOpTest extends LorentzProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
