/*
 * e3nn's o3.Linear (shared weights, optional 0e biases) forward and backward, table driven from
 * org.equikern.nn.LinearLayout (tables built by the LinearTables of its op package; keep the field
 * positions in sync). One work item per element of the result, so nothing is atomic and results
 * are deterministic; the weight and bias gradients sum slices of the batch (reduction.h).
 *
 * Instruction k maps input block copies u to output block copies v with weight block
 * w[W_OFF + u·MUL_OUT + v] and path weight path_weight[k]; an element belongs to every
 * instruction whose block range holds it (a linear scan: layers have few instructions).
 */
#ifndef EQUIKERN_LINEAR_H
#define EQUIKERN_LINEAR_H

#include "reduction.h"
#include "gemm_tile.h"

/* instruction record */
#define LI_IN_OFF 0
#define LI_OUT_OFF 1
#define LI_MUL_IN 2
#define LI_MUL_OUT 3
#define LI_IRREP_DIM 4
#define LI_W_OFF 5
#define LI_STRIDE 6

/* output block record; LB_BIAS_OFF is -1 for blocks without biases */
#define LB_OFFSET 0
#define LB_DIM 1
#define LB_BIAS_OFF 2
#define LB_STRIDE 3

/* out[b, j] = scale[o]·sum over instructions into j + bias, for o the block of j. */
KERNEL void linear_forward(const int batch, const int dim_in, const int dim_out,
                           const int instructions, const int blocks,
                           const GLOBAL int *RESTRICT instr,
                           const GLOBAL int *RESTRICT block,
                           const GLOBAL REAL *RESTRICT block_scale,
                           const GLOBAL REAL *RESTRICT x,
                           const GLOBAL REAL *RESTRICT w,
                           const GLOBAL REAL *RESTRICT bias,
                           GLOBAL REAL *RESTRICT out) {
    int b, j;
    if (!grid_item(batch, dim_out, &b, &j)) {
        return;
    }
    const GLOBAL REAL *xb = x + (INDEX) b * dim_in;
    REAL sum = (REAL) 0;
    for (int k = 0; k < instructions; ++k) {
        const GLOBAL int *in = instr + LI_STRIDE * k;
        const int d = in[LI_IRREP_DIM];
        const int mo = in[LI_MUL_OUT];
        const int q = j - in[LI_OUT_OFF];
        if (q < 0 || q >= mo * d) {
            continue;
        }
        const int v = q / d;
        const int i = q - v * d;
        const GLOBAL REAL *wk = w + in[LI_W_OFF] + v;
        const GLOBAL REAL *xk = xb + in[LI_IN_OFF] + i;
        for (int u = 0; u < in[LI_MUL_IN]; ++u) {
            sum += wk[u * mo] * xk[u * d];
        }
    }
    for (int o = 0; o < blocks; ++o) {
        const GLOBAL int *bl = block + LB_STRIDE * o;
        const int q = j - bl[LB_OFFSET];
        if (q >= 0 && q < bl[LB_DIM]) {
            sum *= block_scale[o];
            if (bl[LB_BIAS_OFF] >= 0) {
                sum += bias[bl[LB_BIAS_OFF] + q];
            }
            break;
        }
    }
    out[(INDEX) b * dim_out + j] = sum;
}

/* grad_x[b, p] = sum over instructions from p of path_weight·sum_v w[u, v]·grad_out[b, v-th copy]. */
KERNEL void linear_grad_x(const int batch, const int dim_in, const int dim_out, const int instructions,
                          const GLOBAL int *RESTRICT instr,
                          const GLOBAL REAL *RESTRICT path_weight,
                          const GLOBAL REAL *RESTRICT w,
                          const GLOBAL REAL *RESTRICT grad_out,
                          GLOBAL REAL *RESTRICT grad_x) {
    int b, p;
    if (!grid_item(batch, dim_in, &b, &p)) {
        return;
    }
    const GLOBAL REAL *gb = grad_out + (INDEX) b * dim_out;
    REAL sum = (REAL) 0;
    for (int k = 0; k < instructions; ++k) {
        const GLOBAL int *in = instr + LI_STRIDE * k;
        const int d = in[LI_IRREP_DIM];
        const int mo = in[LI_MUL_OUT];
        const int q = p - in[LI_IN_OFF];
        if (q < 0 || q >= in[LI_MUL_IN] * d) {
            continue;
        }
        const int u = q / d;
        const int i = q - u * d;
        const GLOBAL REAL *wk = w + in[LI_W_OFF] + u * mo;
        const GLOBAL REAL *gk = gb + in[LI_OUT_OFF] + i;
        REAL acc = (REAL) 0;
        for (int v = 0; v < mo; ++v) {
            acc += wk[v] * gk[v * d];
        }
        sum += path_weight[k] * acc;
    }
    grad_x[(INDEX) b * dim_in + p] = sum;
}

/* grad_w[W_OFF + u·MUL_OUT + v] = path_weight·sum over b, i of x[b, u-th copy, i]·grad_out[b, v-th copy, i]. */
KERNEL void linear_grad_w(const int batch, const int slices, const int chunk, const int dim_in, const int dim_out,
                          const int instructions, const int weight_numel,
                          const GLOBAL int *RESTRICT instr,
                          const GLOBAL REAL *RESTRICT path_weight,
                          const GLOBAL REAL *RESTRICT x,
                          const GLOBAL REAL *RESTRICT grad_out,
                          GLOBAL REAL *RESTRICT partial) {
    int gid, first, end;
    if (!slice_item(weight_numel, slices, chunk, batch, &gid, &first, &end)) {
        return;
    }
    for (int k = 0; k < instructions; ++k) {
        const GLOBAL int *in = instr + LI_STRIDE * k;
        const int mo = in[LI_MUL_OUT];
        const int q = gid - in[LI_W_OFF];
        if (q < 0 || q >= in[LI_MUL_IN] * mo) {
            continue;
        }
        const int d = in[LI_IRREP_DIM];
        const int u = q / mo;
        const int v = q - u * mo;
        const int xo = in[LI_IN_OFF] + u * d;
        const int go = in[LI_OUT_OFF] + v * d;
        REAL sum = (REAL) 0;
        for (int b = first; b < end; ++b) {
            const GLOBAL REAL *xb = x + (INDEX) b * dim_in + xo;
            const GLOBAL REAL *gb = grad_out + (INDEX) b * dim_out + go;
            for (int i = 0; i < d; ++i) {
                sum += xb[i] * gb[i];
            }
        }
        partial[GLOBAL_ID(0)] = path_weight[k] * sum;
        return;
    }
}

/* grad_bias[c] = sum over b of grad_out[b, channel c of its 0e block]. */
KERNEL void linear_grad_bias(const int batch, const int slices, const int chunk, const int dim_out, const int blocks,
                             const int bias_numel,
                             const GLOBAL int *RESTRICT block,
                             const GLOBAL REAL *RESTRICT grad_out,
                             GLOBAL REAL *RESTRICT partial) {
    int gid, first, end;
    if (!slice_item(bias_numel, slices, chunk, batch, &gid, &first, &end)) {
        return;
    }
    for (int o = 0; o < blocks; ++o) {
        const GLOBAL int *bl = block + LB_STRIDE * o;
        const int c = gid - bl[LB_BIAS_OFF];
        if (bl[LB_BIAS_OFF] < 0 || c < 0 || c >= bl[LB_DIM]) {
            continue;
        }
        REAL sum = (REAL) 0;
        for (int b = first; b < end; ++b) {
            sum += grad_out[(INDEX) b * dim_out + bl[LB_OFFSET] + c];
        }
        partial[GLOBAL_ID(0)] = sum;
        return;
    }
}

/*
 * The GEMM-shaped forward on GPUs (gemm_tile.h): one launch per output block of mul_out copies of
 * a d-dimensional irrep. Rows are the (sample, component) pairs, columns the copies v; the k
 * dimension runs over the block's instructions (count of them, from order[first]) and within
 * each over the input copies u, in the order linear_forward sums. Then the block's scale and
 * biases, as there.
 */
TILED_KERNEL void linear_forward_tiled(const int batch, const int dim_in, const int dim_out, const int out_off,
                                       const int d, const int mul_out, const int bias_off, const REAL scale,
                                       const int first, const int count,
                                       const GLOBAL int *RESTRICT instr,
                                       const GLOBAL int *RESTRICT order,
                                       const GLOBAL REAL *RESTRICT x,
                                       const GLOBAL REAL *RESTRICT w,
                                       const GLOBAL REAL *RESTRICT bias,
                                       GLOBAL REAL *RESTRICT out) {
    LOCAL REAL a_tile[GT_ROWS * GT_K];
    LOCAL REAL b_tile[GT_K * GT_COLS];
    INDEX s0;
    int i0;
    int col0;
    gt_tile_start(mul_out, d, &s0, &i0, &col0);
    const int row = LOCAL_ID(0) / GT_COLS;
    const int col = LOCAL_ID(0) % GT_COLS;
    REAL acc[GT_ROWS_PER_ITEM];
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        acc[t] = (REAL) 0;
    }
    for (int n = 0; n < count; ++n) {
        const GLOBAL int *in = instr + LI_STRIDE * order[first + n];
        const int mul_in = in[LI_MUL_IN];
        for (int k0 = 0; k0 < mul_in; k0 += GT_K) {
            gt_stage_features(a_tile, x, s0, i0, batch, d, dim_in, in[LI_IN_OFF], k0, mul_in);
            gt_stage_weights(b_tile, w + in[LI_W_OFF], k0, mul_in, mul_out, col0, mul_out, 1);
            BARRIER();
            gt_multiply(a_tile, b_tile, row, col, acc);
            BARRIER();
        }
    }
    const int v = col0 + col;
    if (v >= mul_out) {
        return;
    }
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        const int lr = i0 + row + t * GT_ROW_STEP;
        const INDEX s = s0 + lr / d;
        if (s < batch) {
            const int q = v * d + lr % d;
            REAL value = acc[t] * scale;
            if (bias_off >= 0) {
                value += bias[bias_off + q];
            }
            out[s * dim_out + out_off + q] = value;
        }
    }
}

/*
 * The GEMM-shaped input gradient on GPUs: one launch per input block of mul_in copies of a
 * d-dimensional irrep. Rows are the (sample, component) pairs, columns the copies u; per
 * instruction reading the block (count of them, from order[first]) the k dimension runs over its
 * output copies v against the transposed weights, and the instruction's sum is added with its
 * path weight, as linear_grad_x does.
 */
TILED_KERNEL void linear_grad_x_tiled(const int batch, const int dim_in, const int dim_out, const int in_off,
                                      const int d, const int mul_in, const int first, const int count,
                                      const GLOBAL int *RESTRICT instr,
                                      const GLOBAL int *RESTRICT order,
                                      const GLOBAL REAL *RESTRICT path_weight,
                                      const GLOBAL REAL *RESTRICT w,
                                      const GLOBAL REAL *RESTRICT grad_out,
                                      GLOBAL REAL *RESTRICT grad_x) {
    LOCAL REAL a_tile[GT_ROWS * GT_K];
    LOCAL REAL b_tile[GT_K * GT_COLS];
    INDEX s0;
    int i0;
    int col0;
    gt_tile_start(mul_in, d, &s0, &i0, &col0);
    const int row = LOCAL_ID(0) / GT_COLS;
    const int col = LOCAL_ID(0) % GT_COLS;
    REAL sum[GT_ROWS_PER_ITEM];
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        sum[t] = (REAL) 0;
    }
    for (int n = 0; n < count; ++n) {
        const int k = order[first + n];
        const GLOBAL int *in = instr + LI_STRIDE * k;
        const int mo = in[LI_MUL_OUT];
        REAL acc[GT_ROWS_PER_ITEM];
        for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
            acc[t] = (REAL) 0;
        }
        for (int k0 = 0; k0 < mo; k0 += GT_K) {
            gt_stage_features(a_tile, grad_out, s0, i0, batch, d, dim_out, in[LI_OUT_OFF], k0, mo);
            gt_stage_weights(b_tile, w + in[LI_W_OFF], k0, mo, 1, col0, mul_in, mo);
            BARRIER();
            gt_multiply(a_tile, b_tile, row, col, acc);
            BARRIER();
        }
        for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
            sum[t] += path_weight[k] * acc[t];
        }
    }
    const int u = col0 + col;
    if (u >= mul_in) {
        return;
    }
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        const int lr = i0 + row + t * GT_ROW_STEP;
        const INDEX s = s0 + lr / d;
        if (s < batch) {
            grad_x[s * dim_in + in_off + u * d + lr % d] = sum[t];
        }
    }
}

#endif /* EQUIKERN_LINEAR_H */
