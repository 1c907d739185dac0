package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.nativeloader.CudaProbe;
import org.equikern.tp.TensorProductOpContract;

/** Tensor-product kernels on CUDA GPU 0 against the Java oracle; like CudaDeviceTest, it needs a driver and GPU. */
class CudaTensorProductOpTest extends TensorProductOpContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }
}
