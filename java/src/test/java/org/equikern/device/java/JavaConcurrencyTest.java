package org.equikern.device.java;

import org.equikern.device.ConcurrencyContract;
import org.equikern.device.Device;

/** The concurrency contract on the Java device. */
class JavaConcurrencyTest extends ConcurrencyContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
