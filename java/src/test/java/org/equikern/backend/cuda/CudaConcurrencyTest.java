package org.equikern.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.equikern.device.ConcurrencyContract;
import org.equikern.device.Device;
import org.equikern.device.Devices;
import org.equikern.nativeloader.CudaProbe;

/** The concurrency contract on CUDA GPU 0; skipped with the reason where no GPU is present. */
class CudaConcurrencyTest extends ConcurrencyContract {
    @Override
    protected Device openDevice() {
        assumeTrue(CudaProbe.result().isAvailable(), () -> "no CUDA GPU: " + CudaProbe.result().reason());
        return Devices.open("cuda:0");
    }
}
