package org.equikern.ops.edgeembedding;

import org.equikern.device.Device;
import org.equikern.runtime.Devices;

/** Edge-embedding kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClEdgeEmbeddingOpTest extends EdgeEmbeddingOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }
}
