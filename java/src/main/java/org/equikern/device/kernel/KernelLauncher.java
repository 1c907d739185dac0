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

    /**
     * Whether the device is the host's own CPU (an OpenCL CPU device such as PoCL): kernels
     * shaped for GPUs may be slower there than the CPU-tuned ones.
     *
     * @return true for a CPU device
     */
    boolean hostCpu();

    /**
     * The dialect programs generated for this launcher must be written in.
     *
     * @return OpenCL C or CUDA
     */
    KernelDialect dialect();

    /**
     * Why this launcher cannot compile generated programs at run time (e.g. no runtime compiler
     * library), or null when it can.
     *
     * @return the reason, or null
     */
    String generatedProgramsUnavailable();

    /**
     * Launches {@code kernel} of a program generated at run time, compiled on first use and
     * cached per source (a bounded cache, see {@link GeneratedProgramCache}).
     *
     * @param program the generated program, in this launcher's dialect
     * @param kernel its {@link KernelSignature#program()} must be {@code program}'s name
     * @param precision FLOAT32 or FLOAT64
     * @param globalSize the number of work items, ≥ 0
     * @param args kernel arguments in order, as {@code kernel} declares them
     * @throws IllegalArgumentException when {@code args} do not match the signature, or the
     *     program is of another dialect or name
     * @throws IllegalStateException when {@link #generatedProgramsUnavailable()} gives a reason
     */
    void launch(GeneratedProgram program, KernelSignature kernel, DType precision, long globalSize, Object... args);
}
