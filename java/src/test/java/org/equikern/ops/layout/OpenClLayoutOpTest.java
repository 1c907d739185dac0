package org.equikern.ops.layout;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Layout conversion on the opencl:0 device (PoCL here); runs for real, never skips. */
class OpenClLayoutOpTest extends LayoutOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
