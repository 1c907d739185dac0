package org.equikern.model.lgn;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** LGN edge features on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClDeviceZonalEdgesTest extends DeviceZonalEdgesContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
