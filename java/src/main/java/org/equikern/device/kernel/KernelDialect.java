package org.equikern.device.kernel;

/** The C dialect a device compiles kernels from: what a kernel generator must write for it. */
public enum KernelDialect {
    /** OpenCL C 1.2, built at run time with {@code clBuildProgram}. */
    OPENCL_C,
    /** CUDA C++ restricted to C99 bodies with {@code extern "C"} kernels (NVRTC or nvcc). */
    CUDA_C
}
