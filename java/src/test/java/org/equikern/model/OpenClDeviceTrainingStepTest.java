package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DeviceTrainingStep} on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClDeviceTrainingStepTest extends DeviceTrainingStepContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
