package org.equikern.ops.lorentzproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The Lorentz invariants (bilinear forms) on the Java device. */
class JavaLorentzInvariantsOpTest extends LorentzInvariantsOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
