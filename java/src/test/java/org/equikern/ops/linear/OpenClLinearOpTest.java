package org.equikern.ops.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.kernel.ForceElementGemm;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.nn.Linear;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Linear kernels on the first OpenCL device (PoCL here), the element kernels forced (PoCL takes the
 * tiles by default: {@link OpenClTiledLinearOpTest} runs those); runs for real, never skips.
 */
@ExtendWith(ForceElementGemm.class)
class OpenClLinearOpTest extends LinearOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Test
    void poclTakesTheTilesByDefault() {
        System.clearProperty(GemmKernels.PROPERTY);
        try (KernelLinearOp op = new KernelLinearOp(device, (KernelDevice) device, DType.FLOAT32,
                Linear.of("2x1o", "3x1o"))) {
            assertEquals(GemmKernels.TILED, op.gemmKernels());
        } finally {
            System.setProperty(GemmKernels.PROPERTY, "elements");
        }
    }
}
