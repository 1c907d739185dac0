package org.equikern.model.lgn;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The LGN layer composed of device ops on the Java device. */
class JavaDeviceLgnLayerTest extends DeviceLgnLayerContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
