package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DeviceTrainingContract} on the opencl:0 device (PoCL here); runs for real, never skips. */
class OpenClDeviceTrainingTest extends DeviceTrainingContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
