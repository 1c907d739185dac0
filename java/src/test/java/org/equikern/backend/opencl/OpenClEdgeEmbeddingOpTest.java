package org.equikern.backend.opencl;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.EdgeEmbeddingOpContract;

/** Edge-embedding kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClEdgeEmbeddingOpTest extends EdgeEmbeddingOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
