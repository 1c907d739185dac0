package org.equikern.ops.lorentzproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The Lorentz invariants (bilinear forms) on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClLorentzInvariantsOpTest extends LorentzInvariantsOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
