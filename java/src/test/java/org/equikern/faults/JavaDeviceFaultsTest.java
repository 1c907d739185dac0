package org.equikern.faults;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The device fault run on the java device. */
class JavaDeviceFaultsTest extends DeviceFaultsContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
