package org.equikern.ops.optimizer;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link OptimizerOp} on the Java device. */
class JavaOptimizerOpTest extends OptimizerOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
