package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link DevicePotential} on the java device. */
class JavaDevicePotentialTest extends DevicePotentialContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
