package org.equikern.ops.symmetriccontraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.kernel.ForceTiledGemm;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.nn.SymmetricContraction;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole symmetric-contraction contract on the first OpenCL device (PoCL here) with the
 * GEMM-shaped kernels forced ({@code -Dequikern.gemm.kernels=tiled}: weights mixed per element by
 * tiled GEMMs, then the terms), both precisions; never skips. Plus a layer past one tile each way
 * over several slices of the batch.
 */
@ExtendWith(ForceTiledGemm.class)
class OpenClTiledSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Test
    void opsTakeTheForcedKernels() {
        SymmetricContraction sc = contraction("nu2");
        KernelDevice kernels = (KernelDevice) device;
        try (KernelSymmetricContractionOp op = new KernelSymmetricContractionOp(device, kernels, DType.FLOAT32, sc)) {
            assertEquals(GemmKernels.TILED, op.gemmKernels());
        }
        System.setProperty(GemmKernels.PROPERTY, "elements");
        try (KernelSymmetricContractionOp op = new KernelSymmetricContractionOp(device, kernels, DType.FLOAT32, sc)) {
            assertEquals(GemmKernels.ELEMENTS, op.gemmKernels());
        } finally {
            System.setProperty(GemmKernels.PROPERTY, "tiled");
        }
    }

    /**
     * 40 channels (two column tiles), more terms than one tile has rows, and 1,100 nodes (two
     * slices of the term-gradient reduction) against the layer's double arithmetic.
     */
    @Test
    void pastOneTileAndOneSlice() {
        SymmetricContraction sc = SymmetricContraction.of("40x0e+40x1o+40x2e", "40x0e+40x1o", 3, 3);
        assertTrue(new ContractionTerms(sc.monomials(), sc.pathCount()).count() > GemmKernels.TILE_ROWS);
        int batch = 1100;
        int dimIn = sc.irrepsIn().dim();
        int dimOut = sc.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(3);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            double[] x = rounded(dtype, gaussian(random, batch * dimIn));
            double[] w = rounded(dtype, gaussian(random, sc.weightNumel()));
            double[] gradOut = rounded(dtype, gaussian(random, batch * dimOut));
            int[] elements = new int[batch];
            for (int b = 0; b < batch; b++) elements[b] = random.nextInt(sc.numElements());
            double[] out = new double[batch * dimOut];
            double[] gradX = new double[batch * dimIn];
            double[] gradW = new double[sc.weightNumel()];
            sc.forward(x, elements, w, out, batch);
            sc.backward(x, elements, w, gradOut, gradX, gradW, batch);
            try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype);
                    MemoryScope scope = device.openScope()) {
                DeviceBuffer xs = upload(scope, dtype, x);
                DeviceBuffer es = scope.upload(elements);
                DeviceBuffer ws = upload(scope, dtype, w);
                DeviceBuffer y = scope.allocate(dtype, out.length);
                DeviceBuffer gx = scope.allocate(dtype, gradX.length);
                DeviceBuffer gw = scope.allocate(dtype, gradW.length);
                op.forward(xs, es, ws, y, batch);
                op.backward(xs, es, ws, upload(scope, dtype, gradOut), gx, gw, batch);
                assertClose(out, download(y), dimOut, dtype, "forward");
                assertClose(gradX, download(gx), dimIn, dtype, "gradX");
                assertClose(gradW, download(gw), sc.pathCount() * sc.mul(), dtype, "gradW");
            }
        }
    }
}
