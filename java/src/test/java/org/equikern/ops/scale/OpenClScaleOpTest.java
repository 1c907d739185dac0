package org.equikern.ops.scale;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** The toy operation's kernel on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClScaleOpTest extends ScaleOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
