package org.equikern.ops.layout;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Layout conversion on the java device. */
class JavaLayoutOpTest extends LayoutOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("java");
    }
}
