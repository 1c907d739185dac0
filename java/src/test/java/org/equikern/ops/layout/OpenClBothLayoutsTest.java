package org.equikern.ops.layout;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Every op in ir_mul against mul_ir on the opencl:0 device (PoCL here); runs for real, never skips. */
class OpenClBothLayoutsTest extends BothLayoutsContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
