package org.equikern.model;

import org.equikern.device.cuda.CudaAvailable;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link DeviceTrainerContract} with the steps on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaDeviceTrainerTest extends DeviceTrainerContract {
    @Override
    protected String deviceName() {
        return "cuda:0";
    }
}
