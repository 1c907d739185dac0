package org.equikern.device.kernel;

/** Runs a test class with {@code -Dequikern.gemm.kernels=elements}: one work item per result element, on any device. */
public final class ForceElementGemm extends ForcedGemmKernels {
    @Override
    GemmKernels kernels() {
        return GemmKernels.ELEMENTS;
    }
}
