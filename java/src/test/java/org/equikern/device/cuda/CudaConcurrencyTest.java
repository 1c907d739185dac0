package org.equikern.device.cuda;

import org.equikern.device.ConcurrencyContract;
import org.equikern.device.Device;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** The concurrency contract on CUDA GPU 0; skipped with the reason where no GPU is present. */
@ExtendWith(CudaAvailable.class)
class CudaConcurrencyTest extends ConcurrencyContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
