package org.equikern.ops.lorentzproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The complex Lorentz CG product on the Java device. */
class JavaLorentzProductOpTest extends LorentzProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
