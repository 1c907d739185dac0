package org.equikern.backend.opencl;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.EquivarianceContract;

/** O(3) equivariance of every op on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClEquivarianceTest extends EquivarianceContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
