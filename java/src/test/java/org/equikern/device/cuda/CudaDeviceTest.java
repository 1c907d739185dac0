package org.equikern.device.cuda;

import org.equikern.device.Device;
import org.equikern.device.DeviceContract;
import org.equikern.device.java.JavaDevice;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The device contract on CUDA GPU 0. It needs a real NVIDIA driver and GPU, so it is the one
 * test class that skips (CudaAvailable, with the probe's reason) where CUDA is unavailable; the driverless path is
 * covered by DevicesTest and the native-loader's CudaProbeTest.
 */
@ExtendWith(CudaAvailable.class)
public class CudaDeviceTest extends DeviceContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }

    @Override
    protected Device openOtherDevice() {
        return new JavaDevice();
    }
}
