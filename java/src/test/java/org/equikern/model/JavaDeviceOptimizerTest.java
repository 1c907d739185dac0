package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DeviceOptimizer} and {@link DeviceEma} on the java device. */
class JavaDeviceOptimizerTest extends DeviceOptimizerContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
