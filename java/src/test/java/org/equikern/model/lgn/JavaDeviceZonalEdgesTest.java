package org.equikern.model.lgn;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** LGN edge features on the Java device. */
class JavaDeviceZonalEdgesTest extends DeviceZonalEdgesContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
