package org.equikern.ops.layout;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Every op in ir_mul against mul_ir on the java device. */
class JavaBothLayoutsTest extends BothLayoutsContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
