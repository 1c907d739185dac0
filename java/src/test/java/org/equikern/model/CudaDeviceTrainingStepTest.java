package org.equikern.model;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link DeviceTrainingStepContract} on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaDeviceTrainingStepTest extends DeviceTrainingStepContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
