package org.equikern.device.cuda;

import org.equikern.device.Device;
import org.equikern.device.EquivarianceContract;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** O(3) equivariance of every op on CUDA GPU 0; skipped with the probe's reason without one. */
@ExtendWith(CudaAvailable.class)
class CudaEquivarianceTest extends EquivarianceContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
