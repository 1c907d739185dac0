/*
 * MACE's symmetric contraction (org.equikern.nn.SymmetricContraction), forward and backward,
 * table driven from its ContractionMonomials (tables built by
 * the SymmetricContractionTables of its op package; keep the field positions in sync).
 *
 * Monomial e adds c_e · w[elem, PATH, u] · x_u[I]·x_u[J]·x_u[K] (the first ORDER factors) to
 * output component OUTPUT of channel u. `group` holds three CSR offset lists into `member`
 * (monomial numbers): per output component, per input component (each monomial once per distinct
 * index it contains) and per path, so every work item walks only the monomials that touch it.
 * Component records give a component's offset in a sample and its channel stride (mul_ir layout).
 *
 * Work items: forward one (node, output component, channel); grad x one (node, input component,
 * channel); grad w one (element, path, channel), looping over the nodes of its element in order,
 * so nothing uses atomics and results repeat exactly. Nodes whose element is outside
 * [0, elements) are skipped (outputs and input gradients 0): kernels cannot report them.
 *
 * The second-order kernels (org.equikern.nn.SymmetricContractionSecondOrder) take an input
 * tangent xd and an output-gradient tangent gd, the weights fixed, with the same work items: with
 * P the monomial's product and Pd its derivative along xd,
 *   out_dot     = sum c w Pd
 *   grad_x_dot  = sum c w (gd dP/dx_a + g (dP/dx_a)_dot)       (the second term is the Hessian's)
 *   grad_w_dot  = sum over nodes of c (gd P + g Pd)
 *
 * The GEMM-shaped variant (GPUs, org.equikern.ops.symmetriccontraction.ContractionTerms) runs the
 * same item kernels on terms instead of monomials: a term is one product into one output
 * component, its own "path", coefficient 1, with the weights C[e] = U·W[e] mixed per element by
 * sc_mix_tiled; the weight gradient item then yields D[e, term, u], and sc_mix_tiled with Uᵀ turns
 * it into the gradient of W.
 */
#ifndef EQUIKERN_SYMMETRIC_CONTRACTION_H
#define EQUIKERN_SYMMETRIC_CONTRACTION_H

#include "reduction.h"
#include "gemm_tile.h"

/* monomial record */
#define SM_ORDER 0
#define SM_INDEX 1
#define SM_OUTPUT 4
#define SM_PATH 5
#define SM_STRIDE 6

/* component record */
#define SC_START 0
#define SC_STRIDE_FIELD 1
#define SC_STRIDE 2

/* Offset of component i of channel u within one sample row. */
DEVICE_FN int sc_offset(const GLOBAL int *component, const int i, const int u) {
    const GLOBAL int *c = component + SC_STRIDE * i;
    return c[SC_START] + u * c[SC_STRIDE_FIELD];
}

/* Component i of channel u of one sample row. */
DEVICE_FN REAL sc_at(const GLOBAL REAL *row, const GLOBAL int *component, const int i, const int u) {
    return row[sc_offset(component, i, u)];
}

/*
 * Element of sample b, or -1 after writing 0 to *target when it is outside [0, elements): the
 * forward and grad x items of such a sample contribute nothing.
 */
DEVICE_FN int sc_element(const GLOBAL int *element, const int b, const int elements, GLOBAL REAL *target) {
    const int e = element[b];
    if (e < 0 || e >= elements) {
        *target = (REAL) 0;
        return -1;
    }
    return e;
}

/* Channel u's weight of path 0 of element e; path p's is mul entries further per path. */
DEVICE_FN const GLOBAL REAL *sc_weights(const GLOBAL REAL *w, const int e, const int path_count, const int mul,
                                        const int u) {
    return w + (INDEX) e * path_count * mul + u;
}

/* x_u[I]·x_u[J]·x_u[K] over the monomial's ORDER factors. */
DEVICE_FN REAL sc_product(const GLOBAL int *m, const GLOBAL REAL *xb, const GLOBAL int *in_component,
                          const int u) {
    REAL p = (REAL) 1;
    for (int s = 0; s < m[SM_ORDER]; ++s) {
        p *= sc_at(xb, in_component, m[SM_INDEX + s], u);
    }
    return p;
}

/* d/dx_u[a] of the product: one term per factor equal to a (so x_a² gives 2·x_a). */
DEVICE_FN REAL sc_derivative(const GLOBAL int *m, const GLOBAL REAL *xb, const GLOBAL int *in_component,
                             const int a, const int u) {
    const int n = m[SM_ORDER];
    REAL sum = (REAL) 0;
    for (int s = 0; s < n; ++s) {
        if (m[SM_INDEX + s] != a) {
            continue;
        }
        REAL p = (REAL) 1;
        for (int t = 0; t < n; ++t) {
            if (t != s) {
                p *= sc_at(xb, in_component, m[SM_INDEX + t], u);
            }
        }
        sum += p;
    }
    return sum;
}

/* The product's derivative along xd: one term per factor, that factor replaced by its tangent. */
DEVICE_FN REAL sc_product_tangent(const GLOBAL int *m, const GLOBAL REAL *xb, const GLOBAL REAL *xdb,
                                  const GLOBAL int *in_component, const int u) {
    const int n = m[SM_ORDER];
    REAL sum = (REAL) 0;
    for (int s = 0; s < n; ++s) {
        REAL p = sc_at(xdb, in_component, m[SM_INDEX + s], u);
        for (int t = 0; t < n; ++t) {
            if (t != s) {
                p *= sc_at(xb, in_component, m[SM_INDEX + t], u);
            }
        }
        sum += p;
    }
    return sum;
}

/* sc_derivative's derivative along xd: the Hessian row of factor a times xd. */
DEVICE_FN REAL sc_derivative_tangent(const GLOBAL int *m, const GLOBAL REAL *xb, const GLOBAL REAL *xdb,
                                     const GLOBAL int *in_component, const int a, const int u) {
    const int n = m[SM_ORDER];
    REAL sum = (REAL) 0;
    for (int s = 0; s < n; ++s) {
        if (m[SM_INDEX + s] != a) {
            continue;
        }
        for (int t = 0; t < n; ++t) {
            if (t == s) {
                continue;
            }
            REAL p = sc_at(xdb, in_component, m[SM_INDEX + t], u);
            for (int q = 0; q < n; ++q) {
                if (q != s && q != t) {
                    p *= sc_at(xb, in_component, m[SM_INDEX + q], u);
                }
            }
            sum += p;
        }
    }
    return sum;
}

/* Row b of x_dot, or 0 for the first-order kernels, which pass no tangent. */
DEVICE_FN const GLOBAL REAL *sc_tangent_row(const GLOBAL REAL *x_dot, const int b, const int width) {
    return x_dot ? x_dot + (INDEX) b * width : x_dot;
}

/*
 * Output item (sample, output component, channel): the value, or with x_dot its tangent along
 * x_dot (P replaced by Pd). Both walk the monomials of the output component.
 */
DEVICE_FN void sc_output_item(const int batch, const int dim_in, const int dim_out, const int mul,
                              const int channel_in, const int channel_out, const int path_count,
                              const int elements, const GLOBAL int *monomial, const GLOBAL REAL *coefficient,
                              const GLOBAL int *group, const GLOBAL int *member, const GLOBAL int *component,
                              const GLOBAL REAL *x, const GLOBAL REAL *x_dot, const GLOBAL int *element,
                              const GLOBAL REAL *w, GLOBAL REAL *out) {
    int b, r;
    if (!grid_item(batch, channel_out * mul, &b, &r)) {
        return;
    }
    const int o = r / mul;
    const int u = r - o * mul;
    GLOBAL REAL *target = out + (INDEX) b * dim_out + sc_offset(component + SC_STRIDE * channel_in, o, u);
    const int e = sc_element(element, b, elements, target);
    if (e < 0) {
        return;
    }
    const GLOBAL REAL *xb = x + (INDEX) b * dim_in;
    const GLOBAL REAL *xdb = sc_tangent_row(x_dot, b, dim_in);
    const GLOBAL REAL *we = sc_weights(w, e, path_count, mul, u);
    REAL sum = (REAL) 0;
    for (int k = group[o]; k < group[o + 1]; ++k) {
        const int id = member[k];
        const GLOBAL int *m = monomial + SM_STRIDE * id;
        const REAL term = xdb ? sc_product_tangent(m, xb, xdb, component, u) : sc_product(m, xb, component, u);
        sum += coefficient[id] * we[m[SM_PATH] * mul] * term;
    }
    *target = sum;
}

/*
 * Input-gradient item (sample, input component a, channel): sum c g w dP/dx_a, or with the
 * tangents sum c w (gd dP/dx_a + g (dP/dx_a)_dot). Both walk the monomials containing a.
 */
DEVICE_FN void sc_input_item(const int batch, const int dim_in, const int dim_out, const int mul,
                             const int channel_in, const int channel_out, const int path_count,
                             const int elements, const GLOBAL int *monomial, const GLOBAL REAL *coefficient,
                             const GLOBAL int *group, const GLOBAL int *member, const GLOBAL int *component,
                             const GLOBAL REAL *x, const GLOBAL REAL *x_dot, const GLOBAL int *element,
                             const GLOBAL REAL *w, const GLOBAL REAL *grad_out, const GLOBAL REAL *grad_out_dot,
                             GLOBAL REAL *grad_x) {
    int b, r;
    if (!grid_item(batch, channel_in * mul, &b, &r)) {
        return;
    }
    const int a = r / mul;
    const int u = r - a * mul;
    GLOBAL REAL *target = grad_x + (INDEX) b * dim_in + sc_offset(component, a, u);
    const int e = sc_element(element, b, elements, target);
    if (e < 0) {
        return;
    }
    const GLOBAL int *out_component = component + SC_STRIDE * channel_in;
    const GLOBAL int *by_input = group + channel_out + 1;
    const GLOBAL REAL *xb = x + (INDEX) b * dim_in;
    const GLOBAL REAL *xdb = sc_tangent_row(x_dot, b, dim_in);
    const GLOBAL REAL *gb = grad_out + (INDEX) b * dim_out;
    const GLOBAL REAL *gdb = sc_tangent_row(grad_out_dot, b, dim_out);
    const GLOBAL REAL *we = sc_weights(w, e, path_count, mul, u);
    REAL sum = (REAL) 0;
    for (int k = by_input[a]; k < by_input[a + 1]; ++k) {
        const int id = member[k];
        const GLOBAL int *m = monomial + SM_STRIDE * id;
        const REAL g = sc_at(gb, out_component, m[SM_OUTPUT], u);
        if (xdb) {
            const REAL gd = sc_at(gdb, out_component, m[SM_OUTPUT], u);
            sum += coefficient[id] * we[m[SM_PATH] * mul] * (gd * sc_derivative(m, xb, component, a, u)
                    + g * sc_derivative_tangent(m, xb, xdb, component, a, u));
        } else {
            sum += coefficient[id] * g * we[m[SM_PATH] * mul] * sc_derivative(m, xb, component, a, u);
        }
    }
    *target = sum;
}

/*
 * Weight-gradient item (element, path, channel) over one slice of the batch: sum c g P, or with
 * the tangents sum c (gd P + g Pd). Both walk the path's monomials for each node of the element.
 */
DEVICE_FN void sc_weight_item(const int batch, const int dim_in, const int dim_out, const int mul,
                              const int channel_in, const int channel_out, const int path_count,
                              const int elements, const GLOBAL int *monomial, const GLOBAL REAL *coefficient,
                              const GLOBAL int *group, const GLOBAL int *member, const GLOBAL int *component,
                              const GLOBAL REAL *x, const GLOBAL REAL *x_dot, const GLOBAL int *element,
                              const GLOBAL REAL *grad_out, const GLOBAL REAL *grad_out_dot,
                              const int slices, const int chunk, GLOBAL REAL *partial) {
    int gid, first, end;
    if (!slice_item(elements * path_count * mul, slices, chunk, batch, &gid, &first, &end)) {
        return;
    }
    const int u = gid % mul;
    const int p = (gid / mul) % path_count;
    const int e = gid / (mul * path_count);
    const GLOBAL int *out_component = component + SC_STRIDE * channel_in;
    const GLOBAL int *by_path = group + channel_out + 1 + channel_in + 1;
    REAL sum = (REAL) 0;
    for (int b = first; b < end; ++b) {
        if (element[b] != e) {
            continue;
        }
        const GLOBAL REAL *xb = x + (INDEX) b * dim_in;
        const GLOBAL REAL *xdb = sc_tangent_row(x_dot, b, dim_in);
        const GLOBAL REAL *gb = grad_out + (INDEX) b * dim_out;
        const GLOBAL REAL *gdb = sc_tangent_row(grad_out_dot, b, dim_out);
        for (int k = by_path[p]; k < by_path[p + 1]; ++k) {
            const int id = member[k];
            const GLOBAL int *m = monomial + SM_STRIDE * id;
            const int o = m[SM_OUTPUT];
            if (xdb) {
                sum += coefficient[id] * (sc_at(gdb, out_component, o, u) * sc_product(m, xb, component, u)
                        + sc_at(gb, out_component, o, u) * sc_product_tangent(m, xb, xdb, component, u));
            } else {
                sum += coefficient[id] * sc_at(gb, out_component, o, u) * sc_product(m, xb, component, u);
            }
        }
    }
    partial[GLOBAL_ID(0)] = sum;
}

KERNEL void symmetric_contraction_forward(const int batch, const int dim_in, const int dim_out, const int mul,
                                          const int channel_in, const int channel_out, const int path_count,
                                          const int elements,
                                          const GLOBAL int *RESTRICT monomial,
                                          const GLOBAL REAL *RESTRICT coefficient,
                                          const GLOBAL int *RESTRICT group,
                                          const GLOBAL int *RESTRICT member,
                                          const GLOBAL int *RESTRICT component,
                                          const GLOBAL REAL *RESTRICT x,
                                          const GLOBAL int *RESTRICT element,
                                          const GLOBAL REAL *RESTRICT w,
                                          GLOBAL REAL *RESTRICT out) {
    sc_output_item(batch, dim_in, dim_out, mul, channel_in, channel_out, path_count, elements, monomial,
                   coefficient, group, member, component, x, 0, element, w, out);
}

KERNEL void symmetric_contraction_grad_x(const int batch, const int dim_in, const int dim_out, const int mul,
                                         const int channel_in, const int channel_out, const int path_count,
                                         const int elements,
                                         const GLOBAL int *RESTRICT monomial,
                                         const GLOBAL REAL *RESTRICT coefficient,
                                         const GLOBAL int *RESTRICT group,
                                         const GLOBAL int *RESTRICT member,
                                         const GLOBAL int *RESTRICT component,
                                         const GLOBAL REAL *RESTRICT x,
                                         const GLOBAL int *RESTRICT element,
                                         const GLOBAL REAL *RESTRICT w,
                                         const GLOBAL REAL *RESTRICT grad_out,
                                         GLOBAL REAL *RESTRICT grad_x) {
    sc_input_item(batch, dim_in, dim_out, mul, channel_in, channel_out, path_count, elements, monomial,
                  coefficient, group, member, component, x, 0, element, w, grad_out, 0, grad_x);
}

KERNEL void symmetric_contraction_grad_w(const int batch, const int dim_in, const int dim_out, const int mul,
                                         const int channel_in, const int channel_out, const int path_count,
                                         const int elements,
                                         const GLOBAL int *RESTRICT monomial,
                                         const GLOBAL REAL *RESTRICT coefficient,
                                         const GLOBAL int *RESTRICT group,
                                         const GLOBAL int *RESTRICT member,
                                         const GLOBAL int *RESTRICT component,
                                         const GLOBAL REAL *RESTRICT x,
                                         const GLOBAL int *RESTRICT element,
                                         const GLOBAL REAL *RESTRICT grad_out,
                                         const int slices, const int chunk,
                                         GLOBAL REAL *RESTRICT partial) {
    sc_weight_item(batch, dim_in, dim_out, mul, channel_in, channel_out, path_count, elements, monomial,
                   coefficient, group, member, component, x, 0, element, grad_out, 0, slices, chunk, partial);
}

KERNEL void symmetric_contraction_tangent(const int batch, const int dim_in, const int dim_out, const int mul,
                                          const int channel_in, const int channel_out, const int path_count,
                                          const int elements,
                                          const GLOBAL int *RESTRICT monomial,
                                          const GLOBAL REAL *RESTRICT coefficient,
                                          const GLOBAL int *RESTRICT group,
                                          const GLOBAL int *RESTRICT member,
                                          const GLOBAL int *RESTRICT component,
                                          const GLOBAL REAL *RESTRICT x,
                                          const GLOBAL REAL *RESTRICT x_dot,
                                          const GLOBAL int *RESTRICT element,
                                          const GLOBAL REAL *RESTRICT w,
                                          GLOBAL REAL *RESTRICT out_dot) {
    sc_output_item(batch, dim_in, dim_out, mul, channel_in, channel_out, path_count, elements, monomial,
                   coefficient, group, member, component, x, x_dot, element, w, out_dot);
}

KERNEL void symmetric_contraction_tangent_grad_x(const int batch, const int dim_in, const int dim_out,
                                                 const int mul, const int channel_in, const int channel_out,
                                                 const int path_count, const int elements,
                                                 const GLOBAL int *RESTRICT monomial,
                                                 const GLOBAL REAL *RESTRICT coefficient,
                                                 const GLOBAL int *RESTRICT group,
                                                 const GLOBAL int *RESTRICT member,
                                                 const GLOBAL int *RESTRICT component,
                                                 const GLOBAL REAL *RESTRICT x,
                                                 const GLOBAL REAL *RESTRICT x_dot,
                                                 const GLOBAL int *RESTRICT element,
                                                 const GLOBAL REAL *RESTRICT w,
                                                 const GLOBAL REAL *RESTRICT grad_out,
                                                 const GLOBAL REAL *RESTRICT grad_out_dot,
                                                 GLOBAL REAL *RESTRICT grad_x_dot) {
    sc_input_item(batch, dim_in, dim_out, mul, channel_in, channel_out, path_count, elements, monomial,
                  coefficient, group, member, component, x, x_dot, element, w, grad_out, grad_out_dot,
                  grad_x_dot);
}

KERNEL void symmetric_contraction_tangent_grad_w(const int batch, const int dim_in, const int dim_out,
                                                 const int mul, const int channel_in, const int channel_out,
                                                 const int path_count, const int elements,
                                                 const GLOBAL int *RESTRICT monomial,
                                                 const GLOBAL REAL *RESTRICT coefficient,
                                                 const GLOBAL int *RESTRICT group,
                                                 const GLOBAL int *RESTRICT member,
                                                 const GLOBAL int *RESTRICT component,
                                                 const GLOBAL REAL *RESTRICT x,
                                                 const GLOBAL REAL *RESTRICT x_dot,
                                                 const GLOBAL int *RESTRICT element,
                                                 const GLOBAL REAL *RESTRICT grad_out,
                                                 const GLOBAL REAL *RESTRICT grad_out_dot,
                                                 const int slices, const int chunk,
                                                 GLOBAL REAL *RESTRICT partial) {
    sc_weight_item(batch, dim_in, dim_out, mul, channel_in, channel_out, path_count, elements, monomial,
                   coefficient, group, member, component, x, x_dot, element, grad_out, grad_out_dot, slices,
                   chunk, partial);
}

/*
 * out[e] = a · b[e] for each of the launch's results e, tiled (gemm_tile.h): a is rows × k_count,
 * b[e] k_count × mul, out[e] rows × mul, all row-major and consecutive per e. C = U·W with a = U
 * (terms × paths) and b = W; the weight gradient Uᵀ·D with a = Uᵀ (paths × terms) and b = D.
 */
TILED_KERNEL void sc_mix_tiled(const int rows, const int k_count, const int mul, const GLOBAL REAL *RESTRICT a,
                               const GLOBAL REAL *RESTRICT b, GLOBAL REAL *RESTRICT out) {
    LOCAL REAL a_tile[GT_ROWS * GT_K];
    LOCAL REAL b_tile[GT_K * GT_COLS];
    int e;
    int r0;
    int c0;
    gt_batched_tile(rows, mul, &e, &r0, &c0);
    const int row = LOCAL_ID(0) / GT_COLS;
    const int col = LOCAL_ID(0) % GT_COLS;
    const GLOBAL REAL *be = b + (INDEX) e * k_count * mul;
    REAL acc[GT_ROWS_PER_ITEM];
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        acc[t] = (REAL) 0;
    }
    for (int k0 = 0; k0 < k_count; k0 += GT_K) {
        /* a's rows as features of one component (d = 1) of "samples" r */
        gt_stage_features(a_tile, a, r0, 0, rows, 1, k_count, 0, k0, k_count);
        gt_stage_weights(b_tile, be, k0, k_count, mul, c0, mul, 1);
        BARRIER();
        gt_multiply(a_tile, b_tile, row, col, acc);
        BARRIER();
    }
    const int c = c0 + col;
    if (c >= mul) {
        return;
    }
    for (int t = 0; t < GT_ROWS_PER_ITEM; ++t) {
        const int r = r0 + row + t * GT_ROW_STEP;
        if (r < rows) {
            out[((INDEX) e * rows + r) * mul + c] = acc[t];
        }
    }
}

#endif /* EQUIKERN_SYMMETRIC_CONTRACTION_H */
