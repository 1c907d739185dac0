package org.equikern.backend.java;

import org.equikern.device.Device;
import org.equikern.device.SymmetricContractionOpContract;

/** The Java device's symmetric contraction op, wired to the pure-Java layer. */
class JavaSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
