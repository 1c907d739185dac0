package org.equikern.ops.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.kernel.ForceTiledGemm;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.group.Irreps;
import org.equikern.nn.Linear;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole Linear contract on the first OpenCL device (PoCL here) with the GPU-shaped tiled
 * kernels forced ({@code -Dequikern.gemm.kernels=tiled}), both precisions; never skips. Plus a
 * weight gradient past one tile of input copies and over several slices of the batch.
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
                    assertThrows(IllegalArgumentException.class, () -> GemmKernels.choose(kernels, GemmKernels.TILED)).getMessage());
        } finally {
            System.setProperty(GemmKernels.PROPERTY, "tiled");
        }
    }

    /**
     * 70 input copies (two row tiles of the weight-gradient GEMM) and 1,100 samples (two slices of
     * the batch reduction, summed by sum_slices) against the layer's double arithmetic.
     */
    @Test
    void weightGradientPastOneTileAndOneSlice() {
        Linear linear = Linear.builder(Irreps.parse("70x0e+3x1o"), Irreps.parse("33x0e+2x1o")).build();
        int batch = 1100;
        SplittableRandom random = new SplittableRandom(5);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double[] x = rounded(dtype, gaussian(random, batch * linear.irrepsIn().dim()));
            double[] w = rounded(dtype, gaussian(random, linear.weightNumel()));
            double[] gradOut = rounded(dtype, gaussian(random, batch * linear.irrepsOut().dim()));
            double[] gradW = new double[linear.weightNumel()];
            linear.backward(x, w, gradOut, new double[x.length], gradW, new double[0], batch);
            try (LinearOp op = LinearOp.on(device, linear, dtype); MemoryScope scope = device.openScope()) {
                DeviceBuffer gw = scope.allocate(dtype, gradW.length);
                op.backward(upload(scope, dtype, x), upload(scope, dtype, w), upload(scope, dtype, gradOut), null,
                        gw, null, batch);
                assertClose(gradW, download(gw), gradW.length, dtype, dtype + " gradWeights over " + batch);
            }
        }
    }
}
