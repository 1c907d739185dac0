package org.equikern.device.opencl;

import org.equikern.device.ConcurrencyContract;
import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The concurrency contract on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClConcurrencyTest extends ConcurrencyContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
