package org.equikern.ops.loss;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** {@link EnergyForceLossOp} on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClEnergyForceLossOpTest extends EnergyForceLossOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
