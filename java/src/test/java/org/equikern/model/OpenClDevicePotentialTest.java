package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DevicePotential} on the opencl:0 device (PoCL here); runs for real, never skips. */
class OpenClDevicePotentialTest extends DevicePotentialContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
