package org.equikern.ops.minkowski;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link MinkowskiGramOp}'s kernels on the first OpenCL device (PoCL here); never skips. */
class OpenClMinkowskiGramOpTest extends MinkowskiGramOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
