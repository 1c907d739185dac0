package org.equikern.ops.lorentzproduct;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Complex channel mixing on the Java device. */
class JavaComplexLinearOpTest extends ComplexLinearOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
