package org.equikern.ops.symmetriccontraction;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.device.cuda.CudaDeviceTest;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** Symmetric-contraction kernels on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
