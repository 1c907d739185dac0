package org.equikern.device.java;

import org.equikern.device.Device;
import org.equikern.device.LifecycleContract;

/** The lifecycle contract on the Java device. */
class JavaLifecycleTest extends LifecycleContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
