package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.EdgeEmbeddingOpContract;
import org.equikern.nativeloader.CudaProbe;

/** Edge-embedding kernels on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
class CudaEdgeEmbeddingOpTest extends EdgeEmbeddingOpContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }
}
