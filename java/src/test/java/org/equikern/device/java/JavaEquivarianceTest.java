package org.equikern.device.java;

import org.equikern.device.Device;
import org.equikern.device.EquivarianceContract;

/** O(3) equivariance of every op on the Java device. */
class JavaEquivarianceTest extends EquivarianceContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
