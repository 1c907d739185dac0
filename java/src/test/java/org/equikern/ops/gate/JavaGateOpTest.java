package org.equikern.ops.gate;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;

/** The Java device's gate op, wired to the pure-Java layer. */
class JavaGateOpTest extends GateOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
