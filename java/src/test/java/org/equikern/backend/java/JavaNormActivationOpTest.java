package org.equikern.backend.java;

import org.equikern.device.Device;
import org.equikern.device.NormActivationOpContract;

/** The Java device's norm activation op, wired to the pure-Java layer. */
class JavaNormActivationOpTest extends NormActivationOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
