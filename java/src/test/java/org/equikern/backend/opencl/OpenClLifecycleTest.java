package org.equikern.backend.opencl;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.LifecycleContract;

/** The lifecycle contract on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClLifecycleTest extends LifecycleContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
