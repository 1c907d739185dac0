package org.equikern.ops.layout;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** Layout conversion kernels on CUDA GPU 0; skips without a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaLayoutOpTest extends LayoutOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
