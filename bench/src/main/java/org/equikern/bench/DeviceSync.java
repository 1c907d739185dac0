package org.equikern.bench;

import org.equikern.device.cuda.CudaDevice;
import org.equikern.device.opencl.OpenClDevice;
import org.equikern.device.Device;

/** Waiting for a device to drain, so a timed call measures its kernels to completion (used by bench.lorentz too). */
public final class DeviceSync {
    private DeviceSync() {}

    /** Blocks until {@code device} has finished all it was given: OpenCL and CUDA enqueue, the Java device does not. */
    public static void finish(Device device) {
        if (device instanceof OpenClDevice) ((OpenClDevice) device).finish();
        else if (device instanceof CudaDevice) ((CudaDevice) device).finish();
    }
}
