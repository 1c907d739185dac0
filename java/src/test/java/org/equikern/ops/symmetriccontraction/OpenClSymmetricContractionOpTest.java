package org.equikern.ops.symmetriccontraction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;

/** Symmetric-contraction kernels on the first OpenCL device (PoCL here); runs for real, never skips. */
class OpenClSymmetricContractionOpTest extends SymmetricContractionOpContract {
    @Override
    protected Device openDevice() {
        return Devices.open("opencl:0");
    }

    /** PoCL keeps the monomial kernels: the terms gained nothing measurable there. */
    @Test
    void poclKeepsTheMonomialKernels() {
        try (KernelSymmetricContractionOp op = new KernelSymmetricContractionOp(device, (KernelDevice) device,
                DType.FLOAT32, contraction("nu2"))) {
            assertEquals(GemmKernels.ELEMENTS, op.gemmKernels());
        }
    }
}
