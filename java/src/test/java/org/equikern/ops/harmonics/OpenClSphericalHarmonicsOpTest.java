package org.equikern.ops.harmonics;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Spherical-harmonics kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClSphericalHarmonicsOpTest extends SphericalHarmonicsOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
