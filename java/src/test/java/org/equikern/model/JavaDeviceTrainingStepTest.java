package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DeviceTrainingStep} on the Java device. */
class JavaDeviceTrainingStepTest extends DeviceTrainingStepContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
