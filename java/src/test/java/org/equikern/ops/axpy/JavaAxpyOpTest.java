package org.equikern.ops.axpy;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link AxpyOp} on the Java device. */
class JavaAxpyOpTest extends AxpyOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
