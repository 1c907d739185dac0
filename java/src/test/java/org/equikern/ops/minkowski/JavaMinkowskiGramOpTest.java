package org.equikern.ops.minkowski;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link MinkowskiGramOp} on the Java device: the host arithmetic of {@link MinkowskiGram}. */
class JavaMinkowskiGramOpTest extends MinkowskiGramOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
