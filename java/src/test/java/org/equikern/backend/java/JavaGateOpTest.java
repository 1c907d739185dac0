package org.equikern.backend.java;

import org.equikern.device.Device;
import org.equikern.device.GateOpContract;

/** The Java device's gate op, wired to the pure-Java layer. */
class JavaGateOpTest extends GateOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
