package org.equikern.ops.lorentznet;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** LorentzNet's LGEB kernels on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaLgebOpTest extends LgebOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
