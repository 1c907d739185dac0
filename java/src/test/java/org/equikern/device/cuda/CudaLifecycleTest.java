package org.equikern.device.cuda;

import org.equikern.device.Device;
import org.equikern.device.LifecycleContract;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle contract on CUDA GPU 0; skipped with the reason where no GPU is present. */
@ExtendWith(CudaAvailable.class)
class CudaLifecycleTest extends LifecycleContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
