package org.equikern.ops.symmetriccontraction;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;

/** The Java device's symmetric contraction op, wired to the pure-Java layer. */
class JavaSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
