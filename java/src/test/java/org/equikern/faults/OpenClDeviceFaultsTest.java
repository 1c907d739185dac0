package org.equikern.faults;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The device fault run on the opencl:0 device. */
class OpenClDeviceFaultsTest extends DeviceFaultsContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
