package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.device.LifecycleContract;
import org.equikern.nativeloader.CudaProbe;

/** The lifecycle contract on CUDA GPU 0; skipped with the reason where no GPU is present. */
class CudaLifecycleTest extends LifecycleContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }
}
