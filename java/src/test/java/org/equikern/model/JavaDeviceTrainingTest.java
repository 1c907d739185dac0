package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DeviceTrainingContract} on the java device. */
class JavaDeviceTrainingTest extends DeviceTrainingContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
