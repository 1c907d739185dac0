package org.equikern.ops.harmonics;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;

/** The Java device's spherical harmonics, wired to the pure-Java class. */
class JavaSphericalHarmonicsOpTest extends SphericalHarmonicsOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
