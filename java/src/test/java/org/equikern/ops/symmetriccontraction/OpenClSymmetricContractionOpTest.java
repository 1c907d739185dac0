package org.equikern.ops.symmetriccontraction;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Symmetric-contraction kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
