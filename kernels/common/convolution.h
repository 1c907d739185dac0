/*
 * Fused equivariant convolution: for every edge e (src -> dst), TP(x[src], sh[e], w[e]) summed
 * into out[dst], without materializing the per-edge outputs. It reuses the element functions of
 * tensor_product.h on rows picked through the edge list.
 *
 * Deterministic kernels walk CSR groups (edges grouped by receiver for the forward, by sender for
 * the node gradient: `order` lists edge numbers, `offsets` the group bounds), so each output
 * element is summed by one work-item in a fixed order. conv_forward_atomic is the fast variant:
 * one item per (edge, element) adding into `out` atomically (out must be zeroed first; the
 * rounding then depends on the order of the adds).
 *
 * Edge weights: wstride = weight_numel for per-edge weights, 0 for shared ones.
 */
#ifndef EQUIKERN_CONVOLUTION_H
#define EQUIKERN_CONVOLUTION_H

#include "tensor_product.h"

KERNEL void conv_forward_segmented(int nodes, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                   GLOBAL const REAL* x, GLOBAL const REAL* sh, GLOBAL const REAL* w, int wstride,
                                   GLOBAL const int* src, GLOBAL const int* order, GLOBAL const int* offsets,
                                   GLOBAL REAL* out) {
    int n, e;
    if (!grid_item(nodes, plan[TP_DIM_OUT], &n, &e)) return;
    REAL acc = (REAL) 0;
    for (int k = offsets[n]; k < offsets[n + 1]; k++) {
        int edge = order[k];
        acc += tp_forward_element(plan, cg, x + (INDEX) src[edge] * plan[TP_DIM1], sh + (INDEX) edge * plan[TP_DIM2],
                                  w, (INDEX) edge * wstride, 0, e);
    }
    out[(INDEX) GLOBAL_ID(0)] = acc;
}

KERNEL void conv_forward_atomic(int edges, GLOBAL const int* plan, GLOBAL const REAL* cg,
                                GLOBAL const REAL* x, GLOBAL const REAL* sh, GLOBAL const REAL* w, int wstride,
                                GLOBAL const int* src, GLOBAL const int* dst, GLOBAL REAL* out) {
    int edge, e;
    if (!grid_item(edges, plan[TP_DIM_OUT], &edge, &e)) return;
    REAL v = tp_forward_element(plan, cg, x + (INDEX) src[edge] * plan[TP_DIM1], sh + (INDEX) edge * plan[TP_DIM2],
                                w, (INDEX) edge * wstride, 0, e);
    ATOMIC_ADD_REAL(out + (INDEX) dst[edge] * plan[TP_DIM_OUT] + e, v);
}

/* grad x[n] = sum over the edges leaving n of the x1-gradient of their tensor product. */
KERNEL void conv_grad_nodes(int nodes, GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* sh,
                            GLOBAL const REAL* w, int wstride, GLOBAL const REAL* gout, GLOBAL const int* dst,
                            GLOBAL const int* order, GLOBAL const int* offsets, GLOBAL REAL* gx) {
    int n, e;
    if (!grid_item(nodes, plan[TP_DIM1], &n, &e)) return;
    REAL acc = (REAL) 0;
    for (int k = offsets[n]; k < offsets[n + 1]; k++) {
        int edge = order[k];
        acc += tp_grad_x1_element(plan, cg, sh + (INDEX) edge * plan[TP_DIM2], w, (INDEX) edge * wstride,
                                  gout + (INDEX) dst[edge] * plan[TP_DIM_OUT], 0, e);
    }
    gx[(INDEX) GLOBAL_ID(0)] = acc;
}

KERNEL void conv_grad_sh(int edges, GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x,
                         GLOBAL const REAL* w, int wstride, GLOBAL const REAL* gout, GLOBAL const int* src,
                         GLOBAL const int* dst, GLOBAL REAL* gsh) {
    int edge, e;
    if (!grid_item(edges, plan[TP_DIM2], &edge, &e)) return;
    gsh[(INDEX) GLOBAL_ID(0)] = tp_grad_x2_element(plan, cg, x + (INDEX) src[edge] * plan[TP_DIM1], w, (INDEX) edge * wstride,
                                  gout + (INDEX) dst[edge] * plan[TP_DIM_OUT], 0, e);
}

KERNEL void conv_grad_w_per_edge(int edges, GLOBAL const int* plan, GLOBAL const REAL* cg, GLOBAL const REAL* x,
                                 GLOBAL const REAL* sh, GLOBAL const REAL* gout, GLOBAL const int* src,
                                 GLOBAL const int* dst, GLOBAL REAL* gw) {
    int edge, g;
    if (!grid_item(edges, plan[TP_WEIGHT_NUMEL], &edge, &g)) return;
    gw[(INDEX) GLOBAL_ID(0)] = tp_grad_w_element(plan, cg, x + (INDEX) src[edge] * plan[TP_DIM1], sh + (INDEX) edge * plan[TP_DIM2],
                                gout + (INDEX) dst[edge] * plan[TP_DIM_OUT], 0, g);
}

/* Shared weights: one item per (slice of edges, weight), summing its edges in order (reduction.h). */
KERNEL void conv_grad_w_shared(int edges, int slices, int chunk, GLOBAL const int* plan, GLOBAL const REAL* cg,
                               GLOBAL const REAL* x, GLOBAL const REAL* sh, GLOBAL const REAL* gout,
                               GLOBAL const int* src, GLOBAL const int* dst, GLOBAL REAL* partial) {
    int g, first, end;
    if (!slice_item(plan[TP_WEIGHT_NUMEL], slices, chunk, edges, &g, &first, &end)) return;
    REAL acc = (REAL) 0;
    for (int edge = first; edge < end; edge++) {
        acc += tp_grad_w_element(plan, cg, x + (INDEX) src[edge] * plan[TP_DIM1], sh + (INDEX) edge * plan[TP_DIM2],
                                 gout + (INDEX) dst[edge] * plan[TP_DIM_OUT], 0, g);
    }
    partial[GLOBAL_ID(0)] = acc;
}

#endif /* EQUIKERN_CONVOLUTION_H */
