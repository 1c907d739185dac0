package org.equikern.ops.lorentznet;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** LorentzNet's LGEB primitives on the Java device. */
class JavaLgebOpTest extends LgebOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
