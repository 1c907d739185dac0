package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.equikern.device.Device;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.runtime.Devices;
import org.equikern.tp.ModeSpecs;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/** Tensor-product kernels on the first OpenCL device (PoCL in CI): runs for real, never skips. */
class OpenClTensorProductOpTest extends TensorProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    /** Shared-weight uvw plans keep the chunk kernels on PoCL, faster there than the tiles. */
    @Test
    void poclKeepsTheChunkKernelsForSharedUvw() {
        TensorProductSpec uvw = ModeSpecs.wide().stream()
                .filter(s -> s.irrepsOut().toString().equals("17x0e+33x1o+2x1e")).findFirst().orElseThrow();
        try (KernelTensorProductOp op = new KernelTensorProductOp(device, (KernelDevice) device, Plan.of(uvw))) {
            assertFalse(op.tiledUvw());
        }
    }
}
