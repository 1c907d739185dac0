package org.equikern.ops.normactivation;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;

/** The Java device's norm activation op, wired to the pure-Java layer. */
class JavaNormActivationOpTest extends NormActivationOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
