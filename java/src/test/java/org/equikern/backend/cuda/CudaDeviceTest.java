package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.backend.java.JavaDevice;
import org.equikern.device.Device;
import org.equikern.device.DeviceContract;
import org.equikern.device.Devices;
import org.equikern.nativeloader.CudaProbe;

/**
 * The device contract on CUDA GPU 0. It needs a real NVIDIA driver and GPU, so it is the one
 * test class that skips (by assumption) where CUDA is unavailable; the driverless path is
 * covered by DevicesTest and the native-loader's CudaProbeTest.
 */
class CudaDeviceTest extends DeviceContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }

    @Override
    protected Device openOtherDevice() {
        return new JavaDevice();
    }
}
