package org.equikern.ops.tensorproduct;

import static org.equikern.testing.ScaledError.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.device.Device;
import org.equikern.device.kernel.ForceTiledGemm;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.Devices;
import org.equikern.tp.ModeSpecs;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductExecutor;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole tensor-product contract on the first OpenCL device (PoCL here) with the tiled GEMM
 * kernels forced ({@code -Dequikern.gemm.kernels=tiled}): plans whose paths are all weighted uvw with
 * shared weights (among them one of 36 (u, v) pairs into 33 output copies, past one tile each
 * way) run their forward as couplings then tiled GEMMs, their backward's G and weight gradient as
 * tiled GEMMs; both precisions, never skips. Plus a weight gradient past one tile of (u, v) pairs
 * and over several slices of the batch.
 */
@ExtendWith(ForceTiledGemm.class)
class OpenClTiledTensorProductOpTest extends TensorProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Test
    void sharedUvwPlansTakeTheTiles() {
        KernelDevice kernels = (KernelDevice) device;
        TensorProductSpec uvw = ModeSpecs.wide().stream()
                .filter(s -> s.irrepsOut().toString().equals("17x0e+33x1o+2x1e")).findFirst().orElseThrow();
        try (KernelTensorProductOp op = new KernelTensorProductOp(device, kernels, Plan.of(uvw))) {
            assertTrue(op.tiledUvw());
        }
        TensorProductSpec perSample = uvw.toBuilder().sharedWeights(false).build();
        try (KernelTensorProductOp op = new KernelTensorProductOp(device, kernels, Plan.of(perSample))) {
            assertFalse(op.tiledUvw());
        }
    }

    /**
     * 70 (u, v) pairs (two row tiles of the weight-gradient GEMM, three column tiles of G) and
     * 1,100 samples (two slices of the batch reduction) against the Java executor.
     */
    @Test
    void backwardPastOneTileAndOneSlice() {
        TensorProductSpec spec = TensorProductSpec.builder("70x0e+3x1o", "1x0e+1x1o", "33x0e+2x1o")
                .instruction(0, 0, 0, "uvw", true).instruction(1, 1, 0, "uvw", true)
                .instruction(0, 1, 1, "uvw", true).instruction(1, 0, 1, "uvw", true).build();
        Plan plan = Plan.of(spec);
        int batch = 1100;
        Random random = new Random(7);
        double[] x1 = ModeSpecs.random(random, batch * plan.dim1());
        double[] x2 = ModeSpecs.random(random, batch * plan.dim2());
        double[] w = ModeSpecs.weights(random, spec, batch);
        double[] gradOut = ModeSpecs.random(random, batch * plan.dimOut());
        double[][] expected = backward(new JavaTensorProductExecutor(plan), plan, x1, x2, w, gradOut, batch);
        try (DeviceTensorProductExecutor onDevice = new DeviceTensorProductExecutor(device, plan)) {
            double[][] actual = backward(onDevice, plan, x1, x2, w, gradOut, batch);
            for (int a = 0; a < 3; a++) {
                assertClose(expected[a], actual[a], 1e-12, "f64 gradient " + a);
            }
            float[][] actual32 = {new float[x1.length], new float[x2.length], new float[w.length]};
            onDevice.backward(narrow(x1), narrow(x2), narrow(w), narrow(gradOut), actual32[0], actual32[1],
                    actual32[2], batch);
            for (int a = 0; a < 3; a++) {
                assertClose(expected[a], widen(actual32[a]), 2e-5, "f32 gradient " + a);
            }
        }
        assertEquals(0, device.liveBufferCount(), device.liveBufferNames().toString());
    }

    /** grad_x1, grad_x2, grad_weights of one backward call. */
    private static double[][] backward(TensorProductExecutor e, Plan plan, double[] x1, double[] x2, double[] w,
            double[] gradOut, int batch) {
        double[][] grads = {new double[x1.length], new double[x2.length], new double[plan.weightNumel()]};
        e.backward(x1, x2, w, gradOut, grads[0], grads[1], grads[2], batch);
        return grads;
    }
}
