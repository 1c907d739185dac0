package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.device.Device;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.runtime.Devices;
import org.equikern.tp.ModeSpecs;
import org.equikern.tp.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole tensor-product contract on the first OpenCL device (PoCL in CI) with the generated
 * per-plan kernels forced ({@code -Dequikern.kernels=generated}): every mode, both precisions.
 */
@ExtendWith(ForceGeneratedKernels.class)
class OpenClGeneratedTensorProductOpTest extends TensorProductOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    @Test
    void opsTakeTheForcedPath() {
        Plan plan = Plan.of(ModeSpecs.all().get(0));
        KernelDevice kernels = (KernelDevice) device;
        try (KernelTensorProductOp op = new KernelTensorProductOp(device, kernels, plan)) {
            assertEquals(KernelPath.GENERATED, op.kernelPath());
        }
        System.setProperty(KernelPath.PROPERTY, "tables");
        try (KernelTensorProductOp op = new KernelTensorProductOp(device, kernels, plan)) {
            assertEquals(KernelPath.TABLES, op.kernelPath());
        } finally {
            System.setProperty(KernelPath.PROPERTY, "generated");
        }
    }
}
