package org.equikern.ops.tensorproduct;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.device.cuda.CudaDeviceTest;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fused convolution on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
