package org.equikern.backend.opencl;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.SphericalHarmonicsOpContract;

/** Spherical-harmonics kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClSphericalHarmonicsOpTest extends SphericalHarmonicsOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
