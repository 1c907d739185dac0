package org.equikern.device.opencl;

import org.equikern.device.Device;
import org.equikern.device.EquivarianceContract;
import org.equikern.runtime.Devices;

/** O(3) equivariance of every op on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClEquivarianceTest extends EquivarianceContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
