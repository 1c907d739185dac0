package org.equikern.device.opencl;

import org.equikern.device.Device;
import org.equikern.device.LifecycleContract;
import org.equikern.runtime.Devices;

/** The lifecycle contract on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClLifecycleTest extends LifecycleContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
