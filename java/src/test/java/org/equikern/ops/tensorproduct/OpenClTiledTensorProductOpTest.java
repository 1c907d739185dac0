package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.device.Device;
import org.equikern.device.kernel.ForceTiledGemm;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.runtime.Devices;
import org.equikern.tp.ModeSpecs;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole tensor-product contract on the first OpenCL device (PoCL here) with the tiled GEMM
 * kernels forced ({@code -Dequikern.gemm.kernels=tiled}): plans whose paths are all weighted uvw with
 * shared weights (among them one of 36 (u, v) pairs into 33 output copies, past one tile each
 * way) run their forward as couplings then tiled GEMMs; both precisions, never skips.
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
}
