package org.equikern.ops.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.kernel.ForceTiledGemm;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.nn.Linear;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole Linear contract on the first OpenCL device (PoCL here) with the GPU-shaped tiled
 * kernels forced ({@code -Dequikern.gemm.kernels=tiled}), both precisions; never skips.
 */
@ExtendWith(ForceTiledGemm.class)
class OpenClTiledLinearOpTest extends LinearOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Test
    void opsTakeTheForcedKernels() {
        Linear linear = Linear.of("2x1o", "3x1o");
        KernelDevice kernels = (KernelDevice) device;
        try (KernelLinearOp op = new KernelLinearOp(device, kernels, DType.FLOAT32, linear)) {
            assertEquals(GemmKernels.TILED, op.gemmKernels());
        }
        System.setProperty(GemmKernels.PROPERTY, "elements");
        try (KernelLinearOp op = new KernelLinearOp(device, kernels, DType.FLOAT32, linear)) {
            assertEquals(GemmKernels.ELEMENTS, op.gemmKernels());
            System.setProperty(GemmKernels.PROPERTY, "fastest");
            assertEquals("unknown equikern.gemm.kernels 'fastest'; known: tiled, elements",
                    assertThrows(IllegalArgumentException.class, () -> GemmKernels.choose(kernels)).getMessage());
        } finally {
            System.setProperty(GemmKernels.PROPERTY, "tiled");
        }
    }
}
