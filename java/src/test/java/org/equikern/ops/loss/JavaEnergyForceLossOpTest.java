package org.equikern.ops.loss;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link EnergyForceLossOp} on the Java device. */
class JavaEnergyForceLossOpTest extends EnergyForceLossOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
