package org.equikern.ops.scale;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The toy operation on the Java device. */
class JavaScaleOpTest extends ScaleOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
