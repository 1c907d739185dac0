/*
 * Tensor-product forward and backward for any compiled Plan, table driven so one build serves
 * every plan (CUDA is compiled ahead of time, without NVRTC). Written once for both dialects
 * through prelude.h. Every output element is written by one work-item, so there are no atomics
 * and the results are deterministic; the shared-weight gradients sum slices of the batch in a
 * fixed order (reduction.h). The element kernels (one item per element) serve every mode; plans of uvu paths only or
 * weighted uvw paths only run the channel-chunk kernels below, whose items cover TP_LANES
 * channels at once.
 *
 * The int table `plan` is built by the TensorProductTables of its op package (keep the two in
 * sync): a header, one PATH_STRIDE record per path, per-side block records, per-side path lists,
 * segment tables and packed Clebsch-Gordan indices (i | j << 10 | k << 20). `cg` holds the
 * coefficients (normalization folded in) in the same order as the packed indices: three copies,
 * sorted by output component k, by x1 component i and by x2 component j.
 *
 * Weighted uvw paths run in two passes through a per-sample scratch `coupled` of TP_COUPLED
 * reals: tp_couple writes the coupling T[u, v, k] = sum_ij C x1[u, i] x2[v, j] once per (u, v)
 * instead of once per output channel w, so the forward is a weight dot product over (u, v);
 * tp_couple_grad writes G[u, v, k] = sum_w W[u, v, w] grad_out[w, k] for the input gradients,
 * and the weight gradient reads T. The element functions take coupled = 0 (convolutions) to
 * keep the one-pass loops.
 */
#ifndef EQUIKERN_TENSOR_PRODUCT_H
#define EQUIKERN_TENSOR_PRODUCT_H

#include "reduction.h"
#include "gemm_tile.h"

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
#define TP_COUPLED 13    /* per-sample length of the coupled scratch; 0 without weighted uvw paths */
#define TP_COUPLED_CHUNKS 14  /* per-sample chunks of TP_LANES (u, v) pairs of those paths */

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
#define P_TOFF 15   /* start of the path's (u, v, k) block in the coupled scratch; -1 unless weighted uvw */
#define PATH_STRIDE 16

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

/*
 * Finds the block of an operand (block records at plan[blocks], nb of them) holding feature
 * element e; writes the element's channel and component and returns the block record.
 */
DEVICE_FN int tp_locate(GLOBAL const int* plan, int blocks, int nb, int e, int* channel, int* component) {
    int blk = tp_find_block(plan, blocks, nb, e);
    int within = e - plan[blk];
    int d = plan[blk + 2];
    *channel = within / d;
    *component = within - *channel * d;
    return blk;
}

/* CG component shifts of the packed indices, to pick i, j or k of entry n. */
#define SHIFT_I 0
#define SHIFT_J 10
#define SHIFT_K 20

/* Σ over CG entries n0..n1 of cg[n] · a[component sa of n] · b[component sb of n]. */
DEVICE_FN REAL tp_contract(GLOBAL const int* plan, GLOBAL const REAL* cg, int n0, int n1,
                           GLOBAL const REAL* a, int sa, GLOBAL const REAL* b, int sb) {
    GLOBAL const int* ijk = plan + plan[TP_CG_INDEX];
    REAL s = (REAL) 0;
    for (int n = n0; n < n1; n++) {
        s += cg[n] * a[(ijk[n] >> sa) & 1023] * b[(ijk[n] >> sb) & 1023];
    }
    return s;
}

/*
 * sum over n < len of a[n sa] b[n sb] in four interleaved partial sums, fixed order: one running
 * sum would chain every add on the previous one, and CPU devices run each item as a scalar loop.
 */
DEVICE_FN REAL tp_dot(GLOBAL const REAL* a, int sa, GLOBAL const REAL* b, int sb, int len) {
    REAL s0 = (REAL) 0, s1 = (REAL) 0, s2 = (REAL) 0, s3 = (REAL) 0;
    int n = 0;
    for (; n + 4 <= len; n += 4) {
        s0 += a[n * sa] * b[n * sb];
        s1 += a[(n + 1) * sa] * b[(n + 1) * sb];
        s2 += a[(n + 2) * sa] * b[(n + 2) * sb];
        s3 += a[(n + 3) * sa] * b[(n + 3) * sb];
    }
    for (; n < len; n++) s0 += a[n * sa] * b[n * sb];
    return (s0 + s1) + (s2 + s3);
}

DEVICE_FN REAL tp_weight(GLOBAL const REAL* w, INDEX wbase, int woff, int wi) {
    return woff < 0 ? (REAL) 1 : w[wbase + woff + wi];
}

/* out[b, e] for one element e of the output. */
DEVICE_FN REAL tp_forward_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                                  GLOBAL const REAL* x2, GLOBAL const REAL* w, INDEX wbase,
                                  GLOBAL const REAL* coupled, int e) {
    int o, k;
    int blk = tp_locate(plan, plan[TP_BLOCKS_OUT], plan[TP_NB_OUT], e, &o, &k);
    REAL acc = (REAL) 0;
    for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        int m1 = p[P_MUL1], m2 = p[P_MUL2], mo = p[P_MULO];
        if (coupled != 0 && p[P_TOFF] >= 0) {
            acc += tp_dot(w + wbase + p[P_WOFF] + o, mo, coupled + p[P_TOFF] + k, p[P_DO], m1 * m2);
            continue;
        }
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
            REAL s = tp_contract(plan, cg, n0, n1, x1 + p[P_OFF1] + u * p[P_D1], SHIFT_I,
                                 x2 + p[P_OFF2] + v * p[P_D2], SHIFT_J);
            acc += tp_weight(w, wbase, p[P_WOFF], wi) * s;
        }
    }
    return acc;
}

/* d sum(out * grad_out) / d x1[b, e]. */
DEVICE_FN REAL tp_grad_x1_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x2,
                                  GLOBAL const REAL* w, INDEX wbase, GLOBAL const REAL* gout,
                                  GLOBAL const REAL* coupled, int e) {
    int u, i;
    int blk = tp_locate(plan, plan[TP_BLOCKS_X1], plan[TP_NB_X1], e, &u, &i);
    REAL acc = (REAL) 0;
    for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        int m2 = p[P_MUL2], mo = p[P_MULO];
        int n0 = plan[p[P_SEG_I] + i], n1 = plan[p[P_SEG_I] + i + 1];
        if (coupled != 0 && p[P_TOFF] >= 0) {
            /* G already holds grad_out contracted with the weights */
            GLOBAL const REAL* g = coupled + p[P_TOFF] + u * m2 * p[P_DO];
            for (int v = 0; v < m2; v++) {
                acc += tp_contract(plan, cg, n0, n1, x2 + p[P_OFF2] + v * p[P_D2], SHIFT_J, g + v * p[P_DO], SHIFT_K);
            }
            continue;
        }
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
            REAL s = tp_contract(plan, cg, n0, n1, x2 + p[P_OFF2] + v * p[P_D2], SHIFT_J,
                                 gout + p[P_OFFO] + o * p[P_DO], SHIFT_K);
            acc += tp_weight(w, wbase, p[P_WOFF], wi) * s;
        }
    }
    return acc;
}

/* d sum(out * grad_out) / d x2[b, e]. */
DEVICE_FN REAL tp_grad_x2_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                                  GLOBAL const REAL* w, INDEX wbase, GLOBAL const REAL* gout,
                                  GLOBAL const REAL* coupled, int e) {
    int v, j;
    int blk = tp_locate(plan, plan[TP_BLOCKS_X2], plan[TP_NB_X2], e, &v, &j);
    REAL acc = (REAL) 0;
    for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        int m1 = p[P_MUL1], m2 = p[P_MUL2], mo = p[P_MULO];
        int n0 = plan[p[P_SEG_J] + j], n1 = plan[p[P_SEG_J] + j + 1];
        if (coupled != 0 && p[P_TOFF] >= 0) {
            GLOBAL const REAL* g = coupled + p[P_TOFF] + v * p[P_DO];
            for (int u = 0; u < m1; u++) {
                acc += tp_contract(plan, cg, n0, n1, x1 + p[P_OFF1] + u * p[P_D1], SHIFT_I,
                                   g + u * m2 * p[P_DO], SHIFT_K);
            }
            continue;
        }
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
            REAL s = tp_contract(plan, cg, n0, n1, x1 + p[P_OFF1] + u * p[P_D1], SHIFT_I,
                                 gout + p[P_OFFO] + o * p[P_DO], SHIFT_K);
            acc += tp_weight(w, wbase, p[P_WOFF], wi) * s;
        }
    }
    return acc;
}

/* The path holding global weight index g. */
DEVICE_FN GLOBAL const int* tp_weight_path(GLOBAL const int* plan, int g) {
    GLOBAL const int* p = plan + plan[TP_PATHS];
    while (p[P_WOFF] < 0 || g >= p[P_WOFF] + p[P_WNUMEL]) p += PATH_STRIDE;
    return p;
}

/* d sum(out * grad_out) / d w[g] for one sample: g is a global weight index. */
DEVICE_FN REAL tp_grad_w_element(GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                                 GLOBAL const REAL* x2, GLOBAL const REAL* gout,
                                 GLOBAL const REAL* coupled, int g) {
    GLOBAL const int* p = tp_weight_path(plan, g);
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
    if (coupled != 0 && p[P_TOFF] >= 0) {
        return tp_dot(coupled + p[P_TOFF] + (u * m2 + v) * p[P_DO], 1, gg, 1, p[P_DO]);
    }
    REAL s = (REAL) 0;
    for (int n = plan[p[P_SEG_K]]; n < plan[p[P_SEG_K] + p[P_DO]]; n++) {
        int ijk = plan[plan[TP_CG_INDEX] + n];
        s += cg[n] * a[ijk & 1023] * c[(ijk >> SHIFT_J) & 1023] * gg[(ijk >> SHIFT_K) & 1023];
    }
    return s;
}

/*
 * Channel-chunk kernels: an item computes TP_LANES consecutive channels (or (u, v) pairs) with
 * fixed-length lane loops, which CPU compilers turn into SIMD code; PoCL does not vectorize the
 * table-driven loops across work-items. A chunk past the end of its block repeats the block's last
 * lane and stores only its own lanes, so every lane loop keeps its fixed length.
 */
#define TP_LANES 16
/* Samples per item of tp_forward_uvw and tp_couple_grad, (u, v) rows per item of tp_grad_w_uvw_shared: each lane load serves this many. */
#define TP_REUSE 8
/* Largest irrep dimension (l <= 7) of the chunk kernels, which hold a path's rows in lane tiles of TP_MAX_DIM x TP_LANES. */
#define TP_MAX_DIM 15

DEVICE_FN void tp_zero(REAL* acc) {
    for (int l = 0; l < TP_LANES; l++) acc[l] = (REAL) 0;
}

/* v[l] = x[l stride] for the nl valid lanes of a chunk; lanes past nl repeat lane nl - 1. */
DEVICE_FN void tp_lanes(REAL* v, GLOBAL const REAL* x, int stride, int nl) {
    if (nl == TP_LANES && stride == 1) {
        for (int l = 0; l < TP_LANES; l++) v[l] = x[l];
    } else if (nl == TP_LANES) {
        for (int l = 0; l < TP_LANES; l++) v[l] = x[l * stride];
    } else {
        for (int l = 0; l < TP_LANES; l++) v[l] = x[min(l, nl - 1) * stride];
    }
}

DEVICE_FN void tp_fma(REAL* acc, REAL s, const REAL* v) {
    for (int l = 0; l < TP_LANES; l++) acc[l] += s * v[l];
}

/* y[l stride] = acc[l] for the nl valid lanes. */
DEVICE_FN void tp_store(GLOBAL REAL* y, int stride, const REAL* acc, int nl) {
    for (int l = 0; l < nl; l++) y[l * stride] = acc[l];
}

/*
 * tile[s][l] = x[l stride + s] for s < d: a chunk's rows transposed into lane tiles. Full chunks
 * of the common component counts 1, 3, 5 and 7 take a literal stride, so the compiler can load
 * the rows contiguously and shuffle instead of gathering.
 */
#define TP_TILE_FIXED(D) for (int s = 0; s < (D); s++) { for (int l = 0; l < TP_LANES; l++) tile[s][l] = x[l * (D) + s]; }
DEVICE_FN void tp_tile(REAL tile[][TP_LANES], GLOBAL const REAL* x, int d, int stride, int nl) {
    if (nl == TP_LANES && stride == d && d == 1) {
        TP_TILE_FIXED(1)
    } else if (nl == TP_LANES && stride == d && d == 3) {
        TP_TILE_FIXED(3)
    } else if (nl == TP_LANES && stride == d && d == 5) {
        TP_TILE_FIXED(5)
    } else if (nl == TP_LANES && stride == d && d == 7) {
        TP_TILE_FIXED(7)
    } else {
        for (int s = 0; s < d; s++) tp_lanes(tile[s], x + s, stride, nl);
    }
}
#undef TP_TILE_FIXED

/* The sum of the TP_LANES lanes of v, in halving steps (fixed order); v is overwritten. */
DEVICE_FN REAL tp_lane_sum(REAL* v) {
    for (int h = TP_LANES / 2; h > 0; h /= 2) {
        for (int l = 0; l < h; l++) v[l] += v[l + h];
    }
    return v[0];
}

/* v[l] = 1 for the nl valid lanes, 0 past them: masks lanes out of sums over channels. */
DEVICE_FN void tp_mask(REAL* v, int nl) {
    for (int l = 0; l < TP_LANES; l++) v[l] = l < nl ? (REAL) 1 : (REAL) 0;
}

/*
 * Finds the weighted uvw path holding chunk c of the per-sample coupled pairs (each path has
 * ceil(mul1 mul2 / TP_LANES) chunks of consecutive u * mul2 + v); writes the chunk's first pair.
 */
DEVICE_FN GLOBAL const int* tp_coupled_chunk(GLOBAL const int* plan, int c, int* uv0) {
    GLOBAL const int* p = plan + plan[TP_PATHS];
    for (;; p += PATH_STRIDE) {
        if (p[P_TOFF] < 0) continue;
        int n = (p[P_MUL1] * p[P_MUL2] + TP_LANES - 1) / TP_LANES;
        if (c < n) break;
        c -= n;
    }
    *uv0 = c * TP_LANES;
    return p;
}

/*
 * Pass 1 of the weighted uvw paths: T[u, v, k] for a chunk of (u, v) pairs and every k, one item
 * per (sample, chunk); the x1 and x2 rows of the chunk are gathered into lane tiles once, and the
 * CG entry decoding is paid once per TP_LANES pairs.
 */
KERNEL void tp_couple(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x1,
                      GLOBAL const REAL* x2, GLOBAL REAL* coupled) {
    int b, c, uv0;
    if (!grid_item(batch, plan[TP_COUPLED_CHUNKS], &b, &c)) return;
    GLOBAL const int* p = tp_coupled_chunk(plan, c, &uv0);
    GLOBAL const int* ijk = plan + plan[TP_CG_INDEX];
    int m2 = p[P_MUL2], d1 = p[P_D1], d2 = p[P_D2], d = p[P_DO];
    int nl = min(TP_LANES, p[P_MUL1] * m2 - uv0);
    GLOBAL const REAL* a = x1 + (INDEX) b * plan[TP_DIM1] + p[P_OFF1];
    GLOBAL const REAL* x = x2 + (INDEX) b * plan[TP_DIM2] + p[P_OFF2];
    REAL xa[TP_MAX_DIM][TP_LANES], xc[TP_MAX_DIM][TP_LANES], acc[TP_LANES], prod[TP_LANES];
    if (m2 == 1) {
        /* the usual case (x2 of multiplicity 1): pair l is channel uv0 + l of x1 */
        tp_tile(xa, a + uv0 * d1, d1, d1, nl);
        for (int j = 0; j < d2; j++) {
            for (int l = 0; l < TP_LANES; l++) xc[j][l] = x[j];
        }
    } else {
        int u = uv0 / m2, v = uv0 - u * m2;
        for (int l = 0; l < TP_LANES; l++) {
            for (int i = 0; i < d1; i++) xa[i][l] = a[u * d1 + i];
            for (int j = 0; j < d2; j++) xc[j][l] = x[v * d2 + j];
            /* step to the next pair, staying on the last valid one */
            if (l + 1 < nl && ++v == m2) {
                v = 0;
                u++;
            }
        }
    }
    GLOBAL REAL* t = coupled + (INDEX) b * plan[TP_COUPLED] + p[P_TOFF] + uv0 * d;
    for (int k = 0; k < d; k++) {
        tp_zero(acc);
        for (int n = plan[p[P_SEG_K] + k]; n < plan[p[P_SEG_K] + k + 1]; n++) {
            REAL* ra = xa[ijk[n] & 1023];
            REAL* rc = xc[(ijk[n] >> SHIFT_J) & 1023];
            for (int l = 0; l < TP_LANES; l++) prod[l] = ra[l] * rc[l];
            tp_fma(acc, cg[n], prod);
        }
        tp_store(t + k, d, acc, nl);
    }
}

/* wt = the shared weights of an all-uvw plan with each path's W[u, v, w] stored as W[w, u, v], for tp_couple_grad. */
KERNEL void tp_transpose_weights(GLOBAL const int* plan, GLOBAL const REAL* w, GLOBAL REAL* wt) {
    INDEX g = GLOBAL_ID(0);
    if (g >= plan[TP_WEIGHT_NUMEL]) return;
    GLOBAL const int* p = tp_weight_path(plan, g);
    int wi = g - p[P_WOFF], mo = p[P_MULO];
    int uv = wi / mo;
    wt[p[P_WOFF] + (wi - uv * mo) * p[P_MUL1] * p[P_MUL2] + uv] = w[g];
}

/*
 * coupled[b] = G[u, v, k] = sum_w W[u, v, w] grad_out[b, w, k], for the input gradients: one
 * item per (TP_REUSE samples, chunk of (u, v) pairs), so shared weights are loaded once for
 * TP_REUSE samples. With transposed = 1, w holds shared weights transposed by
 * tp_transpose_weights (W[w, u, v] per path), so a chunk's weights are contiguous.
 */
KERNEL void tp_couple_grad(int batch, GLOBAL const int* plan, GLOBAL const REAL* w, int wstride, int transposed,
                           GLOBAL const REAL* gout, GLOBAL REAL* coupled) {
    int bg, c, uv0;
    if (!grid_item((batch + TP_REUSE - 1) / TP_REUSE, plan[TP_COUPLED_CHUNKS], &bg, &c)) return;
    GLOBAL const int* p = tp_coupled_chunk(plan, c, &uv0);
    int d = p[P_DO], mo = p[P_MULO], nt = plan[TP_COUPLED], no = plan[TP_DIM_OUT];
    int nuv = p[P_MUL1] * p[P_MUL2];
    int nl = min(TP_LANES, nuv - uv0);
    /* weight (uv0 + l, o) sits at o * step + l * stride */
    int step = transposed ? nuv : 1, stride = transposed ? 1 : mo;
    GLOBAL const REAL* wc = w + p[P_WOFF] + uv0 * (transposed ? 1 : mo);
    int bs[TP_REUSE];
    for (int s = 0; s < TP_REUSE; s++) bs[s] = min(bg * TP_REUSE + s, batch - 1);
    for (int k = 0; k < d; k++) {
        REAL acc[TP_REUSE][TP_LANES], wv[TP_LANES];
        for (int s = 0; s < TP_REUSE; s++) tp_zero(acc[s]);
        for (int o = 0; o < mo; o++) {
            for (int s = 0; s < TP_REUSE; s++) {
                if (s == 0 || wstride != 0) tp_lanes(wv, wc + (INDEX) bs[s] * wstride + o * step, stride, nl);
                tp_fma(acc[s], gout[(INDEX) bs[s] * no + p[P_OFFO] + o * d + k], wv);
            }
        }
        for (int s = 0; s < TP_REUSE; s++) {
            if (bg * TP_REUSE + s < batch) tp_store(coupled + (INDEX) bs[s] * nt + p[P_TOFF] + uv0 * d + k, d, acc[s], nl);
        }
    }
}


/*
 * One chunk of channels [c0, c0 + TP_LANES) of every block of an operand y, which per path and x2
 * channel v adds sum_n cg[n] c[v, j_n] a_v[u, s_n] over the path's CG entries, times w[u, v] on
 * weighted uvu paths (c is x2 throughout):
 *   uvu forward:      y = out,     a = x1        (r = k, s = i)
 *   uvu x1 gradient:  y = grad x1, a = grad_out  (r = i, s = k)
 *   uvw x1 gradient:  y = grad x1, a = G[u, v, k] from tp_couple_grad, weights applied (via_g = 1)
 * A path's a rows are gathered into lane tiles once (per v through G) and serve every CG entry.
 */
DEVICE_FN void tp_chunk(GLOBAL const int* plan, GLOBAL const REAL* cg, int blocks, int nb, int seg_field,
                        int shift_r, int a_off_field, int a_dim_field, int shift_s, int via_g, GLOBAL const REAL* a,
                        GLOBAL const REAL* c, GLOBAL const REAL* wb, GLOBAL REAL* y, int c0) {
    GLOBAL const int* ijk = plan + plan[TP_CG_INDEX];
    for (int yb = 0; yb < nb; yb++) {
        int blk = blocks + yb * BLOCK_STRIDE;
        int my = plan[blk + 1], d = plan[blk + 2];
        if (c0 >= my) continue;
        int nl = min(TP_LANES, my - c0);
        REAL acc[TP_MAX_DIM][TP_LANES], xa[TP_MAX_DIM][TP_LANES], xw[TP_MAX_DIM][TP_LANES], wv[TP_LANES];
        for (int r = 0; r < d; r++) tp_zero(acc[r]);
        for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
            GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
            int m2 = p[P_MUL2], da = p[a_dim_field];
            int stride = via_g ? m2 * da : da;
            GLOBAL const REAL* ap = a + p[a_off_field] + c0 * stride;
            int n0 = plan[p[seg_field]], n1 = plan[p[seg_field] + d];
            for (int v = 0; v < m2; v++) {
                if (v == 0 || via_g) {
                    tp_tile(xa, ap + (via_g ? v * da : 0), da, stride, nl);
                }
                GLOBAL const REAL* cv = c + p[P_OFF2] + v * p[P_D2];
                /* the weights scale the tile rather than each CG term */
                if (!via_g && p[P_WOFF] >= 0) {
                    tp_lanes(wv, wb + p[P_WOFF] + c0 * m2 + v, m2, nl);
                } else {
                    for (int l = 0; l < TP_LANES; l++) wv[l] = (REAL) 1;
                }
                for (int s = 0; s < da; s++) {
                    for (int l = 0; l < TP_LANES; l++) xw[s][l] = xa[s][l] * wv[l];
                }
                for (int n = n0; n < n1; n++) {
                    tp_fma(acc[(ijk[n] >> shift_r) & 1023], cg[n] * cv[(ijk[n] >> SHIFT_J) & 1023], xw[(ijk[n] >> shift_s) & 1023]);
                }
            }
        }
        for (int r = 0; r < d; r++) tp_store(y + plan[blk] + c0 * d + r, d, acc[r], nl);
    }
}

/* Forward of plans whose paths are all uvu: one item per (sample, chunk of TP_LANES channels). */
KERNEL void tp_forward_uvu(int batch, int chunks, GLOBAL const int* plan, GLOBAL const REAL* cg,
                           GLOBAL const REAL* x1, GLOBAL const REAL* x2, GLOBAL const REAL* w, int wstride,
                           GLOBAL REAL* out) {
    int b, g;
    if (!grid_item(batch, chunks, &b, &g)) return;
    tp_chunk(plan, cg, plan[TP_BLOCKS_OUT], plan[TP_NB_OUT], P_SEG_K, SHIFT_K, P_OFF1, P_D1, SHIFT_I, 0,
             x1 + (INDEX) b * plan[TP_DIM1], x2 + (INDEX) b * plan[TP_DIM2], w + (INDEX) b * wstride,
             out + (INDEX) b * plan[TP_DIM_OUT], g * TP_LANES);
}

/*
 * Gradient of x1 for plans whose paths are all uvu (via_g = 0: from grad_out and the weights) or
 * all weighted uvw (via_g = 1: from G in coupled): one item per (sample, chunk of TP_LANES channels).
 */
KERNEL void tp_grad_x1_chunks(int batch, int chunks, int via_g, GLOBAL const int* plan, GLOBAL const REAL* cg,
                              GLOBAL const REAL* x2, GLOBAL const REAL* w, int wstride, GLOBAL const REAL* gout,
                              GLOBAL const REAL* coupled, GLOBAL REAL* gx1) {
    int b, g;
    if (!grid_item(batch, chunks, &b, &g)) return;
    GLOBAL const REAL* a = via_g ? coupled + (INDEX) b * plan[TP_COUPLED] : gout + (INDEX) b * plan[TP_DIM_OUT];
    tp_chunk(plan, cg, plan[TP_BLOCKS_X1], plan[TP_NB_X1], P_SEG_I, SHIFT_I, via_g ? P_TOFF : P_OFFO, P_DO, SHIFT_K,
             via_g, a, x2 + (INDEX) b * plan[TP_DIM2], w + (INDEX) b * wstride, gx1 + (INDEX) b * plan[TP_DIM1],
             g * TP_LANES);
}

/*
 * Per-sample weight gradient of plans whose paths are all uvu: one item per (sample, chunk of
 * TP_LANES channels), dW[u, v] = sum_n cg[n] x1[u, i] x2[v, j] grad_out[u, k] for every path.
 */
KERNEL void tp_grad_w_uvu(int batch, int chunks, GLOBAL const int* plan, GLOBAL const REAL* cg,
                          GLOBAL const REAL* x1, GLOBAL const REAL* x2, GLOBAL const REAL* gout, GLOBAL REAL* gw) {
    int b, g;
    if (!grid_item(batch, chunks, &b, &g)) return;
    int c0 = g * TP_LANES;
    GLOBAL const int* ijk = plan + plan[TP_CG_INDEX];
    GLOBAL const REAL* a = x1 + (INDEX) b * plan[TP_DIM1];
    GLOBAL const REAL* c = x2 + (INDEX) b * plan[TP_DIM2];
    GLOBAL const REAL* go = gout + (INDEX) b * plan[TP_DIM_OUT];
    GLOBAL REAL* gwb = gw + (INDEX) b * plan[TP_WEIGHT_NUMEL];
    REAL xa[TP_MAX_DIM][TP_LANES], xg[TP_MAX_DIM][TP_LANES], t[TP_LANES], prod[TP_LANES];
    for (int q = 0; q < plan[TP_NUM_PATHS]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + q * PATH_STRIDE;
        int m1 = p[P_MUL1], m2 = p[P_MUL2], d1 = p[P_D1], d = p[P_DO];
        if (p[P_WOFF] < 0 || c0 >= m1) continue;
        int nl = min(TP_LANES, m1 - c0);
        tp_tile(xa, a + p[P_OFF1] + c0 * d1, d1, d1, nl);
        tp_tile(xg, go + p[P_OFFO] + c0 * d, d, d, nl);
        for (int v = 0; v < m2; v++) {
            GLOBAL const REAL* cv = c + p[P_OFF2] + v * p[P_D2];
            tp_zero(t);
            for (int n = plan[p[P_SEG_K]]; n < plan[p[P_SEG_K] + d]; n++) {
                REAL* ra = xa[ijk[n] & 1023];
                REAL* rg = xg[(ijk[n] >> SHIFT_K) & 1023];
                for (int l = 0; l < TP_LANES; l++) prod[l] = ra[l] * rg[l];
                tp_fma(t, cg[n] * cv[(ijk[n] >> SHIFT_J) & 1023], prod);
            }
            tp_store(gwb + p[P_WOFF] + c0 * m2 + v, m2, t, nl);
        }
    }
}

/*
 * Gradient of x2 for plans whose paths are all uvu (via_g = 0) or all weighted uvw (via_g = 1):
 * one item per (sample, x2 block), summing cg[n] x1[u, i] g_v[u, k] over the channels u of its
 * paths in lanes, then the lanes in a fixed order; g_v[u, k] is w[u, v] grad_out[u, k] for uvu and
 * G[u, v, k] from coupled for uvw.
 */
KERNEL void tp_grad_x2_chunks(int batch, int via_g, GLOBAL const int* plan, GLOBAL const REAL* cg,
                              GLOBAL const REAL* x1, GLOBAL const REAL* w, int wstride, GLOBAL const REAL* gout,
                              GLOBAL const REAL* coupled, GLOBAL REAL* gx2) {
    int b, xb;
    if (!grid_item(batch, plan[TP_NB_X2], &b, &xb)) return;
    GLOBAL const int* ijk = plan + plan[TP_CG_INDEX];
    GLOBAL const REAL* a = x1 + (INDEX) b * plan[TP_DIM1];
    GLOBAL const REAL* go = via_g ? coupled + (INDEX) b * plan[TP_COUPLED] : gout + (INDEX) b * plan[TP_DIM_OUT];
    GLOBAL const REAL* wb = w + (INDEX) b * wstride;
    int blk = plan[TP_BLOCKS_X2] + xb * BLOCK_STRIDE;
    int m2 = plan[blk + 1], d2 = plan[blk + 2];
    REAL acc[TP_MAX_DIM][TP_LANES], xa[TP_MAX_DIM][TP_LANES], xg[TP_MAX_DIM][TP_LANES], wv[TP_LANES], prod[TP_LANES];
    for (int v = 0; v < m2; v++) {
        for (int j = 0; j < d2; j++) tp_zero(acc[j]);
        for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
            GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
            int m1 = p[P_MUL1], d1 = p[P_D1], d = p[P_DO];
            int stride = via_g ? m2 * d : d;
            GLOBAL const REAL* gp = go + (via_g ? p[P_TOFF] + v * d : p[P_OFFO]);
            for (int c0 = 0; c0 < m1; c0 += TP_LANES) {
                int nl = min(TP_LANES, m1 - c0);
                tp_mask(wv, nl);
                if (!via_g && p[P_WOFF] >= 0) {
                    tp_lanes(prod, wb + p[P_WOFF] + c0 * m2 + v, m2, nl);
                    for (int l = 0; l < TP_LANES; l++) wv[l] *= prod[l];
                }
                tp_tile(xa, a + p[P_OFF1] + c0 * d1, d1, d1, nl);
                tp_tile(xg, gp + c0 * stride, d, stride, nl);
                for (int k = 0; k < d; k++) {
                    for (int l = 0; l < TP_LANES; l++) xg[k][l] *= wv[l];
                }
                for (int n = plan[p[P_SEG_J]]; n < plan[p[P_SEG_J] + d2]; n++) {
                    REAL* ra = xa[ijk[n] & 1023];
                    REAL* rg = xg[(ijk[n] >> SHIFT_K) & 1023];
                    for (int l = 0; l < TP_LANES; l++) prod[l] = ra[l] * rg[l];
                    tp_fma(acc[(ijk[n] >> SHIFT_J) & 1023], cg[n], prod);
                }
            }
        }
        GLOBAL REAL* y = gx2 + (INDEX) b * plan[TP_DIM2] + plan[blk] + v * d2;
        for (int j = 0; j < d2; j++) y[j] = tp_lane_sum(acc[j]);
    }
}

/*
 * Pass 2 of the forward of plans whose paths are all weighted uvw: one item per (TP_REUSE
 * samples, chunk of TP_LANES output channels), out[b, w, k] = sum_uv W[uv, w] T[b, uv, k]. Items
 * past the batch end repeat its last sample and store nothing for it.
 */
KERNEL void tp_forward_uvw(int batch, int chunks, GLOBAL const int* plan, GLOBAL const REAL* w, int wstride,
                           GLOBAL const REAL* coupled, GLOBAL REAL* out) {
    int bg, g;
    if (!grid_item((batch + TP_REUSE - 1) / TP_REUSE, chunks, &bg, &g)) return;
    int c0 = g * TP_LANES, nt = plan[TP_COUPLED], no = plan[TP_DIM_OUT];
    int bs[TP_REUSE];
    for (int s = 0; s < TP_REUSE; s++) bs[s] = min(bg * TP_REUSE + s, batch - 1);
    for (int ob = 0; ob < plan[TP_NB_OUT]; ob++) {
        int blk = plan[TP_BLOCKS_OUT] + ob * BLOCK_STRIDE;
        int mo = plan[blk + 1], d = plan[blk + 2];
        if (c0 >= mo) continue;
        int nl = min(TP_LANES, mo - c0);
        for (int k = 0; k < d; k++) {
            REAL acc[TP_REUSE][TP_LANES], wv[TP_LANES];
            for (int s = 0; s < TP_REUSE; s++) tp_zero(acc[s]);
            for (int q = plan[blk + 3]; q < plan[blk + 4]; q++) {
                GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
                int n = p[P_MUL1] * p[P_MUL2];
                for (int uv = 0; uv < n; uv++) {
                    int tk = p[P_TOFF] + uv * d + k;
                    for (int s = 0; s < TP_REUSE; s++) {
                        if (s == 0 || wstride != 0) tp_lanes(wv, w + (INDEX) bs[s] * wstride + p[P_WOFF] + uv * mo + c0, 1, nl);
                        tp_fma(acc[s], coupled[(INDEX) bs[s] * nt + tk], wv);
                    }
                }
            }
            for (int s = 0; s < TP_REUSE; s++) {
                if (bg * TP_REUSE + s < batch) tp_store(out + (INDEX) bs[s] * no + plan[blk] + c0 * d + k, d, acc[s], nl);
            }
        }
    }
}

/*
 * Pass 2 of tp_forward_uvw with shared weights as a GEMM on GPUs (gemm_tile.h), one launch per
 * output block ob: rows are the (sample, component k) pairs, columns the output copies w, and k
 * runs over the (u, v) pairs of each path into the block in path order,
 * out[b, w, k] = sum_uv T[b, uv, k] W[uv, w], the terms tp_forward_uvw adds, in its order.
 */
TILED_KERNEL void tp_forward_uvw_tiled(const int batch, const int ob, GLOBAL const int* plan, GLOBAL const REAL* w,
                                       GLOBAL const REAL* coupled, GLOBAL REAL* out) {
    LOCAL REAL a_tile[GT_ROWS * GT_K];
    LOCAL REAL b_tile[GT_K * GT_COLS];
    GLOBAL const int* blk = plan + plan[TP_BLOCKS_OUT] + ob * BLOCK_STRIDE;
    const int mo = blk[1], d = blk[2], nt = plan[TP_COUPLED], no = plan[TP_DIM_OUT];
    INDEX s0;
    int i0;
    int col0;
    gt_tile_start(mo, d, &s0, &i0, &col0);
    const int row = LOCAL_ID(0) / GT_COLS;
    const int col = LOCAL_ID(0) % GT_COLS;
    REAL acc[GT_ROWS_PER_ITEM];
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) acc[t] = (REAL) 0;
    for (int q = blk[3]; q < blk[4]; q++) {
        GLOBAL const int* p = plan + plan[TP_PATHS] + plan[q] * PATH_STRIDE;
        const int n = p[P_MUL1] * p[P_MUL2];
        for (int k0 = 0; k0 < n; k0 += GT_K) {
            gt_stage_features(a_tile, coupled, s0, i0, batch, d, nt, p[P_TOFF], k0, n);
            gt_stage_weights(b_tile, w + p[P_WOFF], k0, n, mo, col0, mo, 1);
            BARRIER();
            gt_multiply(a_tile, b_tile, row, col, acc);
            BARRIER();
        }
    }
    const int c = col0 + col;
    if (c >= mo) return;
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        const int lr = i0 + row + t * GT_ROW_STEP;
        const INDEX s = s0 + lr / d;
        if (s < batch) out[s * no + blk[0] + c * d + lr % d] = acc[t];
    }
}

/*
 * tp_couple_grad with shared weights as a GEMM on GPUs (gemm_tile.h), one launch per path q (all
 * weighted uvw): rows are the (sample, component k) pairs, columns the path's (u, v) pairs, and k
 * runs over the output copies w against the transposed weights, G[b, uv, k] = sum_w
 * grad_out[b, w, k] W[uv, w], into the path's block of the coupled scratch.
 */
TILED_KERNEL void tp_couple_grad_tiled(const int batch, const int q, GLOBAL const int* plan, GLOBAL const REAL* w,
                                       GLOBAL const REAL* gout, GLOBAL REAL* coupled) {
    LOCAL REAL a_tile[GT_ROWS * GT_K];
    LOCAL REAL b_tile[GT_K * GT_COLS];
    GLOBAL const int* p = plan + plan[TP_PATHS] + q * PATH_STRIDE;
    const int mo = p[P_MULO], d = p[P_DO], n = p[P_MUL1] * p[P_MUL2], nt = plan[TP_COUPLED];
    INDEX s0;
    int i0;
    int col0;
    gt_tile_start(n, d, &s0, &i0, &col0);
    const int row = LOCAL_ID(0) / GT_COLS;
    const int col = LOCAL_ID(0) % GT_COLS;
    REAL acc[GT_ROWS_PER_ITEM];
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) acc[t] = (REAL) 0;
    for (int k0 = 0; k0 < mo; k0 += GT_K) {
        gt_stage_features(a_tile, gout, s0, i0, batch, d, plan[TP_DIM_OUT], p[P_OFFO], k0, mo);
        gt_stage_weights(b_tile, w + p[P_WOFF], k0, mo, 1, col0, n, mo);
        BARRIER();
        gt_multiply(a_tile, b_tile, row, col, acc);
        BARRIER();
    }
    const int uv = col0 + col;
    if (uv >= n) return;
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        const int lr = i0 + row + t * GT_ROW_STEP;
        const INDEX s = s0 + lr / d;
        if (s < batch) coupled[s * nt + p[P_TOFF] + uv * d + lr % d] = acc[t];
    }
}

/*
 * Shared-weight gradient of plans whose paths are all weighted uvw, over one of `slices` equal
 * slices of the batch: one item per (slice, path, TP_REUSE (u, v) rows, chunk of TP_LANES output
 * channels), partial[slice, uv, w] = sum_b sum_k T[b, uv, k] grad_out[b, w, k] over the slice's
 * samples in order. sum_slices (reduction.h) adds the slices up.
 */
KERNEL void tp_grad_w_uvw_shared(int batch, int items, int slices, GLOBAL const int* plan, GLOBAL const REAL* gout,
                                 GLOBAL const REAL* coupled, GLOBAL REAL* partial) {
    INDEX gid = GLOBAL_ID(0);
    if (gid >= (INDEX) items * slices) return;
    int slice = (int) (gid / items);
    int g = (int) (gid - (INDEX) slice * items);
    GLOBAL const int* p = plan + plan[TP_PATHS];
    int rows, chunks;
    for (;; p += PATH_STRIDE) {
        if (p[P_TOFF] < 0) continue;
        rows = (p[P_MUL1] * p[P_MUL2] + TP_REUSE - 1) / TP_REUSE;
        chunks = (p[P_MULO] + TP_LANES - 1) / TP_LANES;
        if (g < rows * chunks) break;
        g -= rows * chunks;
    }
    int r = g / chunks;
    int uv0 = r * TP_REUSE, c0 = (g - r * chunks) * TP_LANES;
    int d = p[P_DO], mo = p[P_MULO], nt = plan[TP_COUPLED], no = plan[TP_DIM_OUT];
    int nl = min(TP_LANES, mo - c0), nr = min(TP_REUSE, p[P_MUL1] * p[P_MUL2] - uv0);
    int b1 = (int) ((INDEX) (slice + 1) * batch / slices);
    REAL acc[TP_REUSE][TP_LANES], gv[TP_MAX_DIM][TP_LANES];
    for (int s = 0; s < TP_REUSE; s++) tp_zero(acc[s]);
    for (int b = (int) ((INDEX) slice * batch / slices); b < b1; b++) {
        GLOBAL const REAL* t = coupled + (INDEX) b * nt + p[P_TOFF] + uv0 * d;
        tp_tile(gv, gout + (INDEX) b * no + p[P_OFFO] + c0 * d, d, d, nl);
        for (int k = 0; k < d; k++) {
            for (int s = 0; s < TP_REUSE; s++) tp_fma(acc[s], t[min(s, nr - 1) * d + k], gv[k]);
        }
    }
    GLOBAL REAL* y = partial + (INDEX) slice * plan[TP_WEIGHT_NUMEL] + p[P_WOFF] + c0;
    for (int s = 0; s < nr; s++) tp_store(y + (uv0 + s) * mo, 1, acc[s], nl);
}


/*
 * Kernels: one work-item per element of a batch x dim array. wstride is 0 for shared weights.
 * coupled is the scratch of batch x TP_COUPLED reals (T for the forward and the weight gradient,
 * G for the input gradients), or an unread placeholder when TP_COUPLED is 0.
 */
KERNEL void tp_forward(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                    GLOBAL const REAL* x1, GLOBAL const REAL* x2, GLOBAL const REAL* w,
                                    int wstride, GLOBAL const REAL* coupled, GLOBAL REAL* out) {
    int b, e;
    if (!grid_item(batch, plan[TP_DIM_OUT], &b, &e)) return;
    out[(INDEX) GLOBAL_ID(0)] = tp_forward_element(plan, cg, x1 + (INDEX) b * plan[TP_DIM1], x2 + (INDEX) b * plan[TP_DIM2], w,
                                  (INDEX) b * wstride, coupled + (INDEX) b * plan[TP_COUPLED], e);
}

KERNEL void tp_grad_x1(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                    GLOBAL const REAL* x2, GLOBAL const REAL* w, int wstride,
                                    GLOBAL const REAL* gout, GLOBAL const REAL* coupled, GLOBAL REAL* gx1) {
    int b, e;
    if (!grid_item(batch, plan[TP_DIM1], &b, &e)) return;
    gx1[(INDEX) GLOBAL_ID(0)] = tp_grad_x1_element(plan, cg, x2 + (INDEX) b * plan[TP_DIM2], w, (INDEX) b * wstride,
                                  gout + (INDEX) b * plan[TP_DIM_OUT], coupled + (INDEX) b * plan[TP_COUPLED], e);
}

KERNEL void tp_grad_x2(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                    GLOBAL const REAL* x1, GLOBAL const REAL* w, int wstride,
                                    GLOBAL const REAL* gout, GLOBAL const REAL* coupled, GLOBAL REAL* gx2) {
    int b, e;
    if (!grid_item(batch, plan[TP_DIM2], &b, &e)) return;
    gx2[(INDEX) GLOBAL_ID(0)] = tp_grad_x2_element(plan, cg, x1 + (INDEX) b * plan[TP_DIM1], w, (INDEX) b * wstride,
                                  gout + (INDEX) b * plan[TP_DIM_OUT], coupled + (INDEX) b * plan[TP_COUPLED], e);
}

/* Per-sample weights: one item per (sample, weight); no atomics needed. */
KERNEL void tp_grad_w_per_sample(int batch, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                              GLOBAL const REAL* x1, GLOBAL const REAL* x2,
                                              GLOBAL const REAL* gout, GLOBAL const REAL* coupled,
                                              GLOBAL REAL* gw) {
    int b, g;
    if (!grid_item(batch, plan[TP_WEIGHT_NUMEL], &b, &g)) return;
    gw[(INDEX) GLOBAL_ID(0)] = tp_grad_w_element(plan, cg, x1 + (INDEX) b * plan[TP_DIM1], x2 + (INDEX) b * plan[TP_DIM2],
                                gout + (INDEX) b * plan[TP_DIM_OUT], coupled + (INDEX) b * plan[TP_COUPLED], g);
}

/*
 * Shared weights: one item per (slice of the batch, weight), summing its samples in order
 * (deterministic, no atomics; reduction.h adds the slices up).
 */
KERNEL void tp_grad_w_shared(int batch, int slices, int chunk, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                          GLOBAL const REAL* x1, GLOBAL const REAL* x2,
                                          GLOBAL const REAL* gout, GLOBAL const REAL* coupled,
                                          GLOBAL REAL* partial) {
    int g, first, end;
    if (!slice_item(plan[TP_WEIGHT_NUMEL], slices, chunk, batch, &g, &first, &end)) return;
    GLOBAL const int* p = tp_weight_path(plan, g);
    if (p[P_TOFF] >= 0) {
        /* T[b, u, v, :] . grad_out[b, w, :], located once and summed over four sample streams */
        int mo = p[P_MULO], d = p[P_DO], nt = plan[TP_COUPLED], no = plan[TP_DIM_OUT];
        int uv = (g - p[P_WOFF]) / mo;
        GLOBAL const REAL* t = coupled + p[P_TOFF] + uv * d;
        GLOBAL const REAL* gg = gout + p[P_OFFO] + (g - p[P_WOFF] - uv * mo) * d;
        REAL a0 = (REAL) 0, a1 = (REAL) 0, a2 = (REAL) 0, a3 = (REAL) 0;
        int b = first;
        for (; b + 4 <= end; b += 4) {
            a0 += tp_dot(t + (INDEX) b * nt, 1, gg + (INDEX) b * no, 1, d);
            a1 += tp_dot(t + (INDEX) (b + 1) * nt, 1, gg + (INDEX) (b + 1) * no, 1, d);
            a2 += tp_dot(t + (INDEX) (b + 2) * nt, 1, gg + (INDEX) (b + 2) * no, 1, d);
            a3 += tp_dot(t + (INDEX) (b + 3) * nt, 1, gg + (INDEX) (b + 3) * no, 1, d);
        }
        for (; b < end; b++) a0 += tp_dot(t + (INDEX) b * nt, 1, gg + (INDEX) b * no, 1, d);
        partial[GLOBAL_ID(0)] = (a0 + a1) + (a2 + a3);
        return;
    }
    REAL acc = (REAL) 0;
    for (int b = first; b < end; b++) {
        acc += tp_grad_w_element(plan, cg, x1 + (INDEX) b * plan[TP_DIM1], x2 + (INDEX) b * plan[TP_DIM2],
                                 gout + (INDEX) b * plan[TP_DIM_OUT], coupled + (INDEX) b * plan[TP_COUPLED], g);
    }
    partial[GLOBAL_ID(0)] = acc;
}

#endif /* EQUIKERN_TENSOR_PRODUCT_H */
