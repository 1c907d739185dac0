package org.equikern.model.lgn;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The LGN layer composed of device ops on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClDeviceLgnLayerTest extends DeviceLgnLayerContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
