package org.equikern.ops.tensorproduct.generated;

import org.equikern.device.DType;
import org.equikern.device.kernel.KernelDialect;

/**
 * The few lines that differ between the dialects, as macros a generated body is written
 * against (the names of {@code kernels/common/prelude.h}): {@code KERNEL}, {@code GLOBAL},
 * {@code RESTRICT}, {@code INDEX} (a signed 64-bit id), {@code GLOBAL_ID}, {@code REAL},
 * {@code NO_UNROLL}, which keeps nvcc from unrolling the loop after it (empty in OpenCL C), and for
 * staged kernels {@code LOCAL_ARRAY} (declares a work-group array), {@code LOCAL} (the address
 * space of a pointer into it; empty in CUDA), {@code BARRIER()}, {@code LOCAL_ID},
 * {@code LOCAL_SIZE}, {@code GROUP_ID} and {@code GROUP_COUNT}.
 * Generated programs carry them inline, so they compile without the packaged headers.
 */
final class KernelSyntax {
    private KernelSyntax() {}

    /** The prelude of a program in {@code dialect} computing in {@code precision}. */
    static String prelude(KernelDialect dialect, DType precision) {
        String real = precision == DType.FLOAT64 ? "double" : "float";
        if (dialect == KernelDialect.OPENCL_C) {
            return (precision == DType.FLOAT64 ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "")
                    + "#define KERNEL __kernel\n"
                    + "#define GLOBAL __global\n"
                    + "#define RESTRICT restrict\n"
                    + "#define NO_UNROLL\n"
                    + "typedef long INDEX;\n"
                    + "#define GLOBAL_ID ((INDEX) get_global_id(0))\n"
                    + "#define LOCAL_ARRAY __local\n"
                    + "#define LOCAL __local\n"
                    + "#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)\n"
                    + "#define LOCAL_ID ((int) get_local_id(0))\n"
                    + "#define LOCAL_SIZE ((int) get_local_size(0))\n"
                    + "#define GROUP_ID ((INDEX) get_group_id(0))\n"
                    + "#define GROUP_COUNT ((INDEX) get_num_groups(0))\n"
                    + "typedef " + real + " REAL;\n";
        }
        return "#define KERNEL extern \"C\" __global__\n"
                + "#define GLOBAL\n"
                + "#define RESTRICT __restrict__\n"
                + "#define NO_UNROLL _Pragma(\"unroll 1\")\n"
                + "typedef long long INDEX;\n"
                + "#define GLOBAL_ID ((INDEX) blockIdx.x * blockDim.x + threadIdx.x)\n"
                + "#define LOCAL_ARRAY __shared__\n"
                + "#define LOCAL\n"
                + "#define BARRIER() __syncthreads()\n"
                + "#define LOCAL_ID ((int) threadIdx.x)\n"
                + "#define LOCAL_SIZE ((int) blockDim.x)\n"
                + "#define GROUP_ID ((INDEX) blockIdx.x)\n"
                + "#define GROUP_COUNT ((INDEX) gridDim.x)\n"
                + "typedef " + real + " REAL;\n";
    }
}
