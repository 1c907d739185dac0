/*
 * Tensor-product forward and backward for any compiled Plan, table driven so one build serves
 * every plan (CUDA is compiled ahead of time, without NVRTC). Written once for both dialects
 * through prelude.h. One work-item computes one output element, so there are no atomics and the
 * results are deterministic; the shared-weight gradient loops over the batch inside the item.
 *
 * The int table `plan` is built by org.equikern.backend.TensorProductTables (keep the two in
 * sync): a header, one PATH_STRIDE record per path, per-side block records, per-side path lists,
 * segment tables and packed Clebsch-Gordan indices (i | j << 10 | k << 20). `cg` holds the
 * coefficients (normalization folded in) in the same order as the packed indices: three copies,
 * sorted by output component k, by x1 component i and by x2 component j.
 */
#ifndef EQUIKERN_TENSOR_PRODUCT_H
#define EQUIKERN_TENSOR_PRODUCT_H

#include "prelude.h"

/* header */
#define TP_DIM1 0
#define TP_DIM2 1
#define TP_DIM_OUT 2
#define TP_WEIGHT_NUMEL 3
#define TP_NUM_PATHS 4
#define TP_PATHS 5       /* start of the path records */
#define TP_BLOCKS_OUT 6  /* start of the out-side block records; count at TP_NB_OUT */
#define TP_NB_OUT 7
#define TP_BLOCKS_X1 8
#define TP_NB_X1 9
#define TP_BLOCKS_X2 10
#define TP_NB_X2 11
#define TP_CG_INDEX 12   /* start of the packed CG indices */

/* path record fields */
#define P_MODE 0
#define P_OFF1 1
#define P_MUL1 2
#define P_D1 3
#define P_OFF2 4
#define P_MUL2 5
#define P_D2 6
#define P_OFFO 7
#define P_MULO 8
#define P_DO 9
#define P_WOFF 10  /* -1 when the path has no weight */
#define P_WNUMEL 11
#define P_SEG_K 12  /* d_out + 1 positions into cg, entries grouped by k */
#define P_SEG_I 13  /* d1 + 1 positions, grouped by i */
#define P_SEG_J 14  /* d2 + 1 positions, grouped by j */
#define PATH_STRIDE 15

/* block record: feature offset, multiplicity, irrep dimension, path-list start, path-list end */
#define BLOCK_STRIDE 5

/* modes, in e3nn's order of listing */
#define MODE_UVW 0
#define MODE_UVU 1
#define MODE_UVV 2
#define MODE_UUW 3
#define MODE_UUU 4
#define MODE_UVUV 5
#define MODE_UVU_LT_V 6
#define MODE_U_LT_VW 7

#define CG_I(p) ((p) & 1023)
#define CG_J(p) (((p) >> 10) & 1023)
#define CG_K(p) (((p) >> 20) & 1023)

/* Row-major index of the pair u < v among m channels. */
DEVICE_FN int tp_pair_index(int u, int v, int m) {
    return u * m - u * (u + 1) / 2 + (v - u - 1);
}

/* Inverse of tp_pair_index: writes u and v. */
DEVICE_FN void tp_pair_decode(int p, int m, int* u, int* v) {
    int row = 0;
    int len = m - 1;
    while (p >= len) {
        p -= len;
        row++;
        len--;
    }
    *u = row;
    *v = row + 1 + p;
}

/* Finds the block holding feature element e; writes the block record's position. */
DEVICE_FN int tp_find_block(GLOBAL const int* plan, int blocks, int nb, int e) {
    int b = 0;
    while (b + 1 < nb && plan[blocks + (b + 1) * BLOCK_STRIDE] <= e) b++;
    return blocks + b * BLOCK_STRIDE;
}

DEVICE_FN REAL tp_weight(GLOBAL const REAL* w, int wbase, int woff, int wi) {
    return woff < 0 ? (REAL) 1 : w[wbase + woff + wi];
}

/* out[b, e] for one element e of the output. */
DEVICE_FN REAL tp_forward_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                                  GLOBAL const REAL* x2, GLOBAL const REAL* w, int wbase, int e) {
    int blk = tp_find_block(plan, plan[TP_BLOCKS_OUT], plan[TP_NB_OUT], e);
    int offset = e - plan[blk];
    int d = plan[blk + 2];
    int o = offset / d;
    int k = offset - o * d;
    REAL acc = (REAL) 0;
    for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        int m1 = p[P_MUL1], m2 = p[P_MUL2], mo = p[P_MULO];
        int n0 = plan[p[P_SEG_K] + k], n1 = plan[p[P_SEG_K] + k + 1];
        int terms;
        switch (p[P_MODE]) {
            case MODE_UVW: terms = m1 * m2; break;
            case MODE_UVU: terms = m2; break;
            case MODE_UVV: case MODE_UUW: terms = m1; break;
            case MODE_U_LT_VW: terms = m1 * (m1 - 1) / 2; break;
            default: terms = 1; break;
        }
        for (int t = 0; t < terms; t++) {
            int u, v, wi;
            switch (p[P_MODE]) {
                case MODE_UVW: u = t / m2; v = t - u * m2; wi = t * mo + o; break;
                case MODE_UVU: u = o; v = t; wi = o * m2 + t; break;
                case MODE_UVV: u = t; v = o; wi = t * m2 + o; break;
                case MODE_UUW: u = t; v = t; wi = t * mo + o; break;
                case MODE_UUU: u = o; v = o; wi = o; break;
                case MODE_UVUV: u = o / m2; v = o - u * m2; wi = o; break;
                case MODE_UVU_LT_V: tp_pair_decode(o, m1, &u, &v); wi = o; break;
                default: tp_pair_decode(t, m1, &u, &v); wi = t * mo + o; break;
            }
            GLOBAL const REAL* a = x1 + p[P_OFF1] + u * p[P_D1];
            GLOBAL const REAL* c = x2 + p[P_OFF2] + v * p[P_D2];
            REAL s = (REAL) 0;
            for (int n = n0; n < n1; n++) {
                int ijk = plan[plan[TP_CG_INDEX] + n];
                s += cg[n] * a[CG_I(ijk)] * c[CG_J(ijk)];
            }
            acc += tp_weight(w, wbase, p[P_WOFF], wi) * s;
        }
    }
    return acc;
}

/* d sum(out * grad_out) / d x1[b, e]. */
DEVICE_FN REAL tp_grad_x1_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x2,
                                  GLOBAL const REAL* w, int wbase, GLOBAL const REAL* gout, int e) {
    int blk = tp_find_block(plan, plan[TP_BLOCKS_X1], plan[TP_NB_X1], e);
    int offset = e - plan[blk];
    int d = plan[blk + 2];
    int u = offset / d;
    int i = offset - u * d;
    REAL acc = (REAL) 0;
    for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        int m2 = p[P_MUL2], mo = p[P_MULO];
        int n0 = plan[p[P_SEG_I] + i], n1 = plan[p[P_SEG_I] + i + 1];
        int terms;
        switch (p[P_MODE]) {
            case MODE_UVW: terms = m2 * mo; break;
            case MODE_UVU: case MODE_UVV: case MODE_UVUV: terms = m2; break;
            case MODE_UUW: terms = mo; break;
            case MODE_UUU: terms = 1; break;
            case MODE_UVU_LT_V: terms = m2 - u - 1; break;
            default: terms = (m2 - u - 1) * mo; break;
        }
        for (int t = 0; t < terms; t++) {
            int v, o, wi;
            switch (p[P_MODE]) {
                case MODE_UVW: v = t / mo; o = t - v * mo; wi = (u * m2 + v) * mo + o; break;
                case MODE_UVU: v = t; o = u; wi = u * m2 + v; break;
                case MODE_UVV: v = t; o = t; wi = u * m2 + v; break;
                case MODE_UUW: v = u; o = t; wi = u * mo + o; break;
                case MODE_UUU: v = u; o = u; wi = u; break;
                case MODE_UVUV: v = t; o = u * m2 + v; wi = o; break;
                case MODE_UVU_LT_V: v = u + 1 + t; o = tp_pair_index(u, v, m2); wi = o; break;
                default: v = u + 1 + t / mo; o = t % mo; wi = tp_pair_index(u, v, m2) * mo + o; break;
            }
            GLOBAL const REAL* c = x2 + p[P_OFF2] + v * p[P_D2];
            GLOBAL const REAL* g = gout + p[P_OFFO] + o * p[P_DO];
            REAL s = (REAL) 0;
            for (int n = n0; n < n1; n++) {
                int ijk = plan[plan[TP_CG_INDEX] + n];
                s += cg[n] * c[CG_J(ijk)] * g[CG_K(ijk)];
            }
            acc += tp_weight(w, wbase, p[P_WOFF], wi) * s;
        }
    }
    return acc;
}

/* d sum(out * grad_out) / d x2[b, e]. */
DEVICE_FN REAL tp_grad_x2_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                                  GLOBAL const REAL* w, int wbase, GLOBAL const REAL* gout, int e) {
    int blk = tp_find_block(plan, plan[TP_BLOCKS_X2], plan[TP_NB_X2], e);
    int offset = e - plan[blk];
    int d = plan[blk + 2];
    int v = offset / d;
    int j = offset - v * d;
    REAL acc = (REAL) 0;
    for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        int m1 = p[P_MUL1], m2 = p[P_MUL2], mo = p[P_MULO];
        int n0 = plan[p[P_SEG_J] + j], n1 = plan[p[P_SEG_J] + j + 1];
        int terms;
        switch (p[P_MODE]) {
            case MODE_UVW: terms = m1 * mo; break;
            case MODE_UVU: case MODE_UVV: case MODE_UVUV: terms = m1; break;
            case MODE_UUW: terms = mo; break;
            case MODE_UUU: terms = 1; break;
            case MODE_UVU_LT_V: terms = v; break;
            default: terms = v * mo; break;
        }
        for (int t = 0; t < terms; t++) {
            int u, o, wi;
            switch (p[P_MODE]) {
                case MODE_UVW: u = t / mo; o = t - u * mo; wi = (u * m2 + v) * mo + o; break;
                case MODE_UVU: u = t; o = t; wi = u * m2 + v; break;
                case MODE_UVV: u = t; o = v; wi = u * m2 + v; break;
                case MODE_UUW: u = v; o = t; wi = u * mo + o; break;
                case MODE_UUU: u = v; o = v; wi = v; break;
                case MODE_UVUV: u = t; o = u * m2 + v; wi = o; break;
                case MODE_UVU_LT_V: u = t; o = tp_pair_index(u, v, m2); wi = o; break;
                default: u = t / mo; o = t % mo; wi = tp_pair_index(u, v, m2) * mo + o; break;
            }
            GLOBAL const REAL* a = x1 + p[P_OFF1] + u * p[P_D1];
            GLOBAL const REAL* g = gout + p[P_OFFO] + o * p[P_DO];
            REAL s = (REAL) 0;
            for (int n = n0; n < n1; n++) {
                int ijk = plan[plan[TP_CG_INDEX] + n];
                s += cg[n] * a[CG_I(ijk)] * g[CG_K(ijk)];
            }
            acc += tp_weight(w, wbase, p[P_WOFF], wi) * s;
        }
    }
    return acc;
}

/* d sum(out * grad_out) / d w[g] for one sample: g is a global weight index. */
DEVICE_FN REAL tp_grad_w_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                                 GLOBAL const REAL* x2, GLOBAL const REAL* gout, int g) {
    GLOBAL const int* p = plan + plan[TP_PATHS];
    while (p[P_WOFF] < 0 || g >= p[P_WOFF] + p[P_WNUMEL]) p += PATH_STRIDE;
    int wi = g - p[P_WOFF];
    int m2 = p[P_MUL2], mo = p[P_MULO];
    int u, v, o;
    switch (p[P_MODE]) {
        case MODE_UVW: o = wi % mo; u = (wi / mo) / m2; v = (wi / mo) % m2; break;
        case MODE_UVU: u = wi / m2; v = wi % m2; o = u; break;
        case MODE_UVV: u = wi / m2; v = wi % m2; o = v; break;
        case MODE_UUW: u = wi / mo; o = wi % mo; v = u; break;
        case MODE_UUU: u = wi; v = wi; o = wi; break;
        case MODE_UVUV: u = wi / m2; v = wi % m2; o = wi; break;
        case MODE_UVU_LT_V: tp_pair_decode(wi, p[P_MUL1], &u, &v); o = wi; break;
        default: tp_pair_decode(wi / mo, p[P_MUL1], &u, &v); o = wi % mo; break;
    }
    GLOBAL const REAL* a = x1 + p[P_OFF1] + u * p[P_D1];
    GLOBAL const REAL* c = x2 + p[P_OFF2] + v * p[P_D2];
    GLOBAL const REAL* gg = gout + p[P_OFFO] + o * p[P_DO];
    REAL s = (REAL) 0;
    for (int n = plan[p[P_SEG_K]]; n < plan[p[P_SEG_K] + p[P_DO]]; n++) {
        int ijk = plan[plan[TP_CG_INDEX] + n];
        s += cg[n] * a[CG_I(ijk)] * c[CG_J(ijk)] * gg[CG_K(ijk)];
    }
    return s;
}

/* Kernels: one work-item per element of a batch x dim array. wstride is 0 for shared weights. */
KERNEL void tp_forward(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                    GLOBAL const REAL* x1, GLOBAL const REAL* x2, GLOBAL const REAL* w,
                                    int wstride, GLOBAL REAL* out) {
    int dim = plan[TP_DIM_OUT];
    long gid = (long) GLOBAL_ID(0);
    if (gid >= (long) batch * dim) return;
    int b = (int) (gid / dim);
    int e = (int) (gid - (long) b * dim);
    out[gid] = tp_forward_element(plan, cg, x1 + (long) b * plan[TP_DIM1], x2 + (long) b * plan[TP_DIM2], w,
                                  b * wstride, e);
}

KERNEL void tp_grad_x1(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                    GLOBAL const REAL* x2, GLOBAL const REAL* w, int wstride,
                                    GLOBAL const REAL* gout, GLOBAL REAL* gx1) {
    int dim = plan[TP_DIM1];
    long gid = (long) GLOBAL_ID(0);
    if (gid >= (long) batch * dim) return;
    int b = (int) (gid / dim);
    int e = (int) (gid - (long) b * dim);
    gx1[gid] = tp_grad_x1_element(plan, cg, x2 + (long) b * plan[TP_DIM2], w, b * wstride,
                                  gout + (long) b * plan[TP_DIM_OUT], e);
}

KERNEL void tp_grad_x2(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                    GLOBAL const REAL* x1, GLOBAL const REAL* w, int wstride,
                                    GLOBAL const REAL* gout, GLOBAL REAL* gx2) {
    int dim = plan[TP_DIM2];
    long gid = (long) GLOBAL_ID(0);
    if (gid >= (long) batch * dim) return;
    int b = (int) (gid / dim);
    int e = (int) (gid - (long) b * dim);
    gx2[gid] = tp_grad_x2_element(plan, cg, x1 + (long) b * plan[TP_DIM1], w, b * wstride,
                                  gout + (long) b * plan[TP_DIM_OUT], e);
}

/* Per-sample weights: one item per (sample, weight); no atomics needed. */
KERNEL void tp_grad_w_per_sample(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                              GLOBAL const REAL* x1, GLOBAL const REAL* x2,
                                              GLOBAL const REAL* gout, GLOBAL REAL* gw) {
    int n = plan[TP_WEIGHT_NUMEL];
    long gid = (long) GLOBAL_ID(0);
    if (gid >= (long) batch * n) return;
    int b = (int) (gid / n);
    int g = (int) (gid - (long) b * n);
    gw[gid] = tp_grad_w_element(plan, cg, x1 + (long) b * plan[TP_DIM1], x2 + (long) b * plan[TP_DIM2],
                                gout + (long) b * plan[TP_DIM_OUT], g);
}

/* Shared weights: one item per weight, summing the batch in order (deterministic, no atomics). */
KERNEL void tp_grad_w_shared(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                          GLOBAL const REAL* x1, GLOBAL const REAL* x2,
                                          GLOBAL const REAL* gout, GLOBAL REAL* gw) {
    int n = plan[TP_WEIGHT_NUMEL];
    int g = (int) GLOBAL_ID(0);
    if (g >= n) return;
    REAL acc = (REAL) 0;
    for (int b = 0; b < batch; b++) {
        acc += tp_grad_w_element(plan, cg, x1 + (long) b * plan[TP_DIM1], x2 + (long) b * plan[TP_DIM2],
                                 gout + (long) b * plan[TP_DIM_OUT], g);
    }
    gw[g] = acc;
}

#endif /* EQUIKERN_TENSOR_PRODUCT_H */
