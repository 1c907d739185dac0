package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DeviceOptimizer} and {@link DeviceEma} on the opencl device (PoCL here); runs for real, never skips. */
class OpenClDeviceOptimizerTest extends DeviceOptimizerContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
