package org.equikern.ops.minkowski;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Minkowski Gram kernels on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaMinkowskiGramOpTest extends MinkowskiGramOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
