package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.device.ConvolutionContract;
import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.nativeloader.CudaProbe;

/** The fused convolution on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
class CudaConvolutionTest extends ConvolutionContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }
}
