package org.equikern.ops.linear;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;

/** The Java device's linear op, wired to the pure-Java layer. */
class JavaLinearOpTest extends LinearOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
