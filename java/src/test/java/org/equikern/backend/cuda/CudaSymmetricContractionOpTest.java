package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.SymmetricContractionOpContract;
import org.equikern.nativeloader.CudaProbe;

/** Symmetric-contraction kernels on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
class CudaSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }
}
