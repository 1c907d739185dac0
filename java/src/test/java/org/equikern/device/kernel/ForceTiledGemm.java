package org.equikern.device.kernel;

/** Runs a test class with {@code -Dequikern.gemm.kernels=tiled}: the tiles, also on a CPU device. */
public final class ForceTiledGemm extends ForcedGemmKernels {
    @Override
    GemmKernels kernels() {
        return GemmKernels.TILED;
    }
}
