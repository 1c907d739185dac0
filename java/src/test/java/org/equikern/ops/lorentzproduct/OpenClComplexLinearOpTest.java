package org.equikern.ops.lorentzproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Complex channel mixing on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClComplexLinearOpTest extends ComplexLinearOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
