package org.equikern.device.kernel;

import org.equikern.device.DType;

/** Launches packaged kernels by name on a GPU-style device (OpenCL or CUDA). */
public interface KernelLauncher {
    /**
     * Launches {@code kernel} of the packaged program {@code program} (a file stem under
     * {@code kernels/opencl/} or {@code kernels/cuda/}) compiled for {@code precision}, over
     * {@code globalSize} work items.
     *
     * @param args kernel arguments in order: buffers of this device, Integer, Long, Float, Double
     */
    void launch(String program, DType precision, String kernel, long globalSize, Object... args);

    /** Whether an atomic add on FLOAT64 is available (OpenCL needs cl_khr_int64_base_atomics). */
    boolean supportsFloat64Atomics();
}
