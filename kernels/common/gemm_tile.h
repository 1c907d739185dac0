/*
 * Register-blocked GEMM tiles through local (shared) memory, for the GEMM-shaped layer kernels on
 * GPUs. A work group of GT_ITEMS items computes a GT_ROWS x GT_COLS tile of C = A·B: item
 * (row, col) = (LOCAL_ID / GT_COLS, LOCAL_ID % GT_COLS) owns column col and the GT_ROWS_PER_ITEM
 * rows row, row + GT_ROW_STEP, ... in registers. The kernel stages A and B a chunk of GT_K at a
 * time into local memory, then every item multiplies the staged chunk: per k one B value and
 * GT_ROWS_PER_ITEM A values (the same address across a warp's columns: a broadcast) feed
 * GT_ROWS_PER_ITEM multiply-adds.
 *
 * Sums run over k in ascending order, chunk after chunk, as the element-per-item kernels sum,
 * and padding (rows, columns or k past the operands) is staged as zeros.
 *
 * The tile kernels need exactly GT_ITEMS items per group: OpenCL enforces it with
 * reqd_work_group_size (a launch with another size fails instead of computing garbage), CUDA
 * launches blocks of that size (CudaDevice.BLOCK_SIZE) and asks for two resident blocks per SM,
 * which caps registers at 128 per thread: without the second block ptxas kept 64 registers and
 * spilled the f32 uvw kernel; with it, no kernel spills (bench/results/KERNELS.md).
 */
#ifndef EQUIKERN_GEMM_TILE_H
#define EQUIKERN_GEMM_TILE_H

#include "prelude.h"

#define GT_ITEMS 256
#define GT_COLS 32
#define GT_ROW_STEP (GT_ITEMS / GT_COLS)
#define GT_ROWS_PER_ITEM 8
#define GT_ROWS (GT_ROW_STEP * GT_ROWS_PER_ITEM)
#define GT_K 16

#if defined(__OPENCL_VERSION__)
#define TILED_KERNEL __kernel __attribute__((reqd_work_group_size(GT_ITEMS, 1, 1)))
/* a pointer into local memory: an address space in OpenCL, a plain pointer in CUDA */
#define LOCAL_PTR __local
#else
#define TILED_KERNEL extern "C" __global__ __launch_bounds__(GT_ITEMS, 2)
#define LOCAL_PTR
#endif

/* acc[t] += sum over kk < GT_K of a[row + t·GT_ROW_STEP][kk] · b[kk][col], from the staged chunk. */
DEVICE_FN void gt_multiply(const LOCAL_PTR REAL *a, const LOCAL_PTR REAL *b, const int row, const int col,
                           REAL *acc) {
    for (int kk = 0; kk < GT_K; ++kk) {
        const REAL bv = b[kk * GT_COLS + col];
        for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
            acc[t] += a[(row + t * GT_ROW_STEP) * GT_K + kk] * bv;
        }
    }
}

/*
 * Stages the chunk k0.. of a weight matrix as B[kk][c] = w[(k0 + kk)·k_stride + (col0 + c)·c_stride],
 * zero past k_count rows or c_count columns: row-major weights for k_stride = row length and
 * c_stride = 1, their transpose for k_stride = 1 and c_stride = row length.
 */
DEVICE_FN void gt_stage_weights(LOCAL_PTR REAL *b, const GLOBAL REAL *w, const int k0, const int k_count,
                                const int k_stride, const int col0, const int c_count, const int c_stride) {
    for (int e = LOCAL_ID(0); e < GT_K * GT_COLS; e += GT_ITEMS) {
        const int k = k0 + e / GT_COLS;
        const int c = col0 + e % GT_COLS;
        b[e] = k < k_count && c < c_count ? w[k * k_stride + c * c_stride] : (REAL) 0;
    }
}

/*
 * Where this work item's group sits in a tiled launch over a result of cols columns whose rows are
 * (sample, component) pairs flattened as s·d + i, groups numbered row tile-major: its tile's first
 * column *col0 and first row, which starts at sample *s0, component *i0 (one 64-bit division per
 * tile). Its local row lr is then sample s0 + (i0 + lr) / d, component (i0 + lr) % d, in 32-bit
 * arithmetic.
 */
DEVICE_FN void gt_tile_start(const int cols, const int d, INDEX *s0, int *i0, int *col0) {
    const int col_tiles = (cols + GT_COLS - 1) / GT_COLS;
    const INDEX row0 = (INDEX) (GROUP_ID(0) / col_tiles) * GT_ROWS;
    *s0 = row0 / d;
    *i0 = (int) (row0 - *s0 * d);
    *col0 = (GROUP_ID(0) % col_tiles) * GT_COLS;
}

/*
 * Stages the chunk k0.. of the features of one irreps block as A[lr][kk] = component i of copy
 * k0 + kk of sample s, for local row lr = (s, i) (gt_tile_start): the value
 * x[s·stride + offset + (k0 + kk)·d + i] (mul_ir), zero past batch samples or k_count copies.
 */
DEVICE_FN void gt_stage_features(LOCAL_PTR REAL *a, const GLOBAL REAL *x, const INDEX s0, const int i0,
                                 const int batch, const int d, const int stride, const int offset, const int k0,
                                 const int k_count) {
    for (int e = LOCAL_ID(0); e < GT_ROWS * GT_K; e += GT_ITEMS) {
        const int q = i0 + e / GT_K;
        const INDEX s = s0 + q / d;
        const int i = q % d;
        const int k = k0 + e % GT_K;
        a[e] = s < batch && k < k_count ? x[s * stride + offset + k * d + i] : (REAL) 0;
    }
}

/*
 * Stages rows k0.. of a slice of (sample, component) rows, row r = (s - first)·d + i for r < rows, as
 * tile[kk·kk_step + c·c_step] = component i of copy c0 + c of sample s, x[s·stride + offset + (c0 + c)·d + i],
 * for the width copies of a tile (GT_ROWS or GT_COLS), zero past the rows or c_count copies.
 */
DEVICE_FN void gt_stage_rows(LOCAL_PTR REAL *tile, const int width, const int kk_step, const int c_step,
                             const GLOBAL REAL *x, const INDEX first, const int rows, const int k0, const int d,
                             const int stride, const int offset, const int c0, const int c_count) {
    for (int e = LOCAL_ID(0); e < GT_K * width; e += GT_ITEMS) {
        const int kk = e / width;
        const int c = e % width;
        const int r = k0 + kk;
        tile[kk * kk_step + c * c_step] = r < rows && c0 + c < c_count
                ? x[(first + r / d) * stride + offset + (c0 + c) * d + r % d] : (REAL) 0;
    }
}

/*
 * Where this work item's group sits in a launch of several rows × cols results, each cut into
 * GT_ROWS × GT_COLS tiles numbered row tile-major: the result *n, the tile's first row *r0 and
 * first column *c0.
 */
DEVICE_FN void gt_batched_tile(const int rows, const int cols, int *n, int *r0, int *c0) {
    const int col_tiles = (cols + GT_COLS - 1) / GT_COLS;
    const int tiles = col_tiles * ((rows + GT_ROWS - 1) / GT_ROWS);
    *n = GROUP_ID(0) / tiles;
    *r0 = GROUP_ID(0) % tiles / col_tiles * GT_ROWS;
    *c0 = GROUP_ID(0) % col_tiles * GT_COLS;
}

/*
 * One slice of a shared weight gradient as a GEMM whose k dimension is the slice's (sample,
 * component) rows: partial[slice·numel + w_off + u·mul_b + v] = scale · the sum over samples s of
 * the slice (chunk samples from slice·chunk, reduction.h) and components i < d of
 * a[s·a_stride + a_off + u·d + i] · b[s·b_stride + b_off + v·d + i], rows in ascending order; sum_slices
 * then adds the slices in order. Groups: per slice, the u tiles × v tiles of the mul_a × mul_b result.
 */
TILED_KERNEL void gt_weight_gradient(const int batch, const int chunk, const int d, const int mul_a,
                                     const int a_stride, const int a_off, const int mul_b, const int b_stride,
                                     const int b_off, const REAL scale, const int numel, const int w_off,
                                     const GLOBAL REAL *RESTRICT a, const GLOBAL REAL *RESTRICT b,
                                     GLOBAL REAL *RESTRICT partial) {
    LOCAL REAL a_tile[GT_ROWS * GT_K];
    LOCAL REAL b_tile[GT_K * GT_COLS];
    int slice;
    int u0;
    int v0;
    gt_batched_tile(mul_a, mul_b, &slice, &u0, &v0);
    const int first = slice * chunk;
    const int rows = min(chunk, batch - first) * d;
    const int row = LOCAL_ID(0) / GT_COLS;
    const int col = LOCAL_ID(0) % GT_COLS;
    REAL acc[GT_ROWS_PER_ITEM];
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        acc[t] = (REAL) 0;
    }
    for (int k0 = 0; k0 < rows; k0 += GT_K) {
        /* a staged transposed (copies u as the tile's rows), b as it lies (copies v as its columns) */
        gt_stage_rows(a_tile, GT_ROWS, 1, GT_K, a, first, rows, k0, d, a_stride, a_off, u0, mul_a);
        gt_stage_rows(b_tile, GT_COLS, GT_COLS, 1, b, first, rows, k0, d, b_stride, b_off, v0, mul_b);
        BARRIER();
        gt_multiply(a_tile, b_tile, row, col, acc);
        BARRIER();
    }
    const int v = v0 + col;
    if (v >= mul_b) {
        return;
    }
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        const int u = u0 + row + t * GT_ROW_STEP;
        if (u < mul_a) {
            partial[(INDEX) slice * numel + w_off + u * mul_b + v] = scale * acc[t];
        }
    }
}

#endif
