/*
 * Single-source prelude: lets one C99 kernel body compile as OpenCL C 1.2 and as CUDA.
 *
 * Dialect is detected from __OPENCL_VERSION__ (set by every OpenCL compiler) or __CUDACC__
 * (set by nvcc). Precision: REAL is float, or double when REAL_IS_DOUBLE is defined
 * (-DREAL_IS_DOUBLE in the OpenCL build options or on the nvcc command line).
 *
 * Indexing: GLOBAL_ID is an INDEX, a signed 64-bit integer in both dialects, and every offset
 * into a buffer that can exceed 2^31 elements (row × width, edge × weight stride) is computed
 * in INDEX; block-local values (a column, a channel, a component) stay int.
 *
 * Bodies written against this prelude use only C99, fixed-size local arrays declared inside
 * the kernel, (REAL) casts on literals, and the macros below; no C++.
 */
#ifndef EQUIKERN_PRELUDE_H
#define EQUIKERN_PRELUDE_H

#if defined(__OPENCL_VERSION__)

#ifdef REAL_IS_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
#endif

#define KERNEL __kernel
#define GLOBAL __global
#define LOCAL __local
#define CONSTANT __constant
#define DEVICE_FN static inline
#define RESTRICT restrict
#define BARRIER() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
/* 64 bits: launches above 2^31 work items are legal (a million edges × a 2,000-wide row) */
typedef long INDEX;
#define GLOBAL_ID(d) ((INDEX) get_global_id(d))
#define LOCAL_ID(d) ((int) get_local_id(d))
#define GROUP_ID(d) ((int) get_group_id(d))
#define LOCAL_SIZE(d) ((int) get_local_size(d))
#define GROUP_COUNT(d) ((int) get_num_groups(d))

#elif defined(__CUDACC__)

#define KERNEL extern "C" __global__
#define GLOBAL
#define LOCAL __shared__
#define CONSTANT __constant__
#define DEVICE_FN __device__ __forceinline__
#define RESTRICT __restrict__
#define BARRIER() __syncthreads()
#define EQK_DIM_(v, d) ((d) == 0 ? (v).x : (d) == 1 ? (v).y : (v).z)
/* blockIdx * blockDim is computed in 64 bits: in 32 it wraps past 2^32 threads */
typedef long long INDEX;
#define GLOBAL_ID(d) ((INDEX) EQK_DIM_(blockIdx, d) * EQK_DIM_(blockDim, d) + EQK_DIM_(threadIdx, d))
#define LOCAL_ID(d) ((int) EQK_DIM_(threadIdx, d))
#define GROUP_ID(d) ((int) EQK_DIM_(blockIdx, d))
#define LOCAL_SIZE(d) ((int) EQK_DIM_(blockDim, d))
#define GROUP_COUNT(d) ((int) EQK_DIM_(gridDim, d))

#else
#error "prelude.h: compile as OpenCL C (__OPENCL_VERSION__) or with nvcc (__CUDACC__)"
#endif

#ifdef REAL_IS_DOUBLE
typedef double REAL;
#else
typedef float REAL;
#endif

/*
 * Splits this work item's id over a rows × cols range into (row, col), in 64 bits so that
 * rows × cols may pass 2^31; returns 0 for the items that pad the launch.
 */
DEVICE_FN int grid_item(const int rows, const int cols, int *row, int *col) {
    const INDEX gid = GLOBAL_ID(0);
    if (gid >= (INDEX) rows * cols) return 0;
    *row = (int) (gid / cols);
    *col = (int) (gid - (INDEX) *row * cols);
    return 1;
}

/*
 * ATOMIC_ADD_REAL(p, v): *p += v atomically on global memory, return value unused.
 * OpenCL 1.2 has no floating-point atomic add, so it is a compare-exchange loop on the bit
 * pattern (int for float, long with cl_khr_int64_base_atomics for double). CUDA has native
 * atomicAdd for float, and for double from sm_60 (every target we build is newer).
 */
#if defined(__OPENCL_VERSION__)
#ifdef REAL_IS_DOUBLE
DEVICE_FN void atomic_add_real(volatile GLOBAL REAL *p, REAL v) {
    volatile GLOBAL long *bits = (volatile GLOBAL long *) p;
    long expected = *bits;
    long seen;
    while ((seen = atom_cmpxchg(bits, expected, as_long(as_double(expected) + v))) != expected) {
        expected = seen;
    }
}
#else
DEVICE_FN void atomic_add_real(volatile GLOBAL REAL *p, REAL v) {
    volatile GLOBAL int *bits = (volatile GLOBAL int *) p;
    int expected = *bits;
    int seen;
    while ((seen = atomic_cmpxchg(bits, expected, as_int(as_float(expected) + v))) != expected) {
        expected = seen;
    }
}
#endif
#define ATOMIC_ADD_REAL(p, v) atomic_add_real((p), (v))
#else
#define ATOMIC_ADD_REAL(p, v) ((void) atomicAdd((p), (v)))
#endif

#endif /* EQUIKERN_PRELUDE_H */
