package org.equikern.ops.pelican;

import org.equikern.device.Device;
import org.equikern.device.cuda.CudaAvailable;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.extension.ExtendWith;

/** PELICAN's aggregation kernels on CUDA GPU 0; like CudaDeviceTest, it needs a driver and GPU. */
@ExtendWith(CudaAvailable.class)
class CudaPelicanAggregationOpTest extends PelicanAggregationOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("cuda:0");
    }
}
