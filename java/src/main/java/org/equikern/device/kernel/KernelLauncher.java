package org.equikern.device.kernel;

import org.equikern.device.DType;

/** Launches packaged kernels by name on a GPU-style device (OpenCL or CUDA). */
public interface KernelLauncher {
    /**
     * Launches {@code kernel} of its packaged program (a file stem under {@code kernels/opencl/}
     * or {@code kernels/cuda/}) compiled for {@code precision}, over {@code globalSize} work items.
     *
     * @param kernel the kernel's declaration
     * @param precision FLOAT32 or FLOAT64
     * @param globalSize the number of work items, ≥ 0
     * @param args kernel arguments in order, as {@code kernel} declares them
     * @throws IllegalArgumentException when {@code args} do not match the signature
     */
    void launch(KernelSignature kernel, DType precision, long globalSize, Object... args);

    /**
     * Whether an atomic add on FLOAT64 is available (OpenCL needs cl_khr_int64_base_atomics).
     *
     * @return true when FLOAT64 atomics are available
     */
    boolean supportsFloat64Atomics();
}
