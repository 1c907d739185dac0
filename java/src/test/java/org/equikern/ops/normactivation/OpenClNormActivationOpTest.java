package org.equikern.ops.normactivation;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Norm-activation kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClNormActivationOpTest extends NormActivationOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
