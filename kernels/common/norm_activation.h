/*
 * e3nn's nn.NormActivation (org.equikern.nn.NormActivation), forward and backward. Every irrep
 * copy c (record NC_START, NC_DIM: its offset in a sample and its dimension) is rescaled by a
 * function of its norm n (clamped to epsilon below epsilon when normalizing):
 *
 *   out = s·x,  s = k·f(n + bias_c) / n  (normalize),  s = k·f(n + bias_c)  (otherwise)
 *
 * with f the activation of ordinal `activation` (activation.h) and k its constant;
 * params = {k, epsilon}. Work items: forward and grad x one (sample, copy); grad bias one (slice
 * of the batch, copy), summed in a fixed order (reduction.h), so nothing uses atomics and results
 * repeat exactly. Without
 * a bias (has_bias = 0) the bias argument is never read.
 *
 * The second-order kernels differentiate forward and backward along an input tangent xd and an
 * output-gradient tangent gd, the biases fixed (org.equikern.nn.NormActivationArithmetic). Per copy,
 * with s' = ds/dn, r = s'/n, D = g.x, Dd = gd.x + g.xd and nd = x.xd / n:
 *   yd  = s xd + s' nd x
 *   gxd = s' nd g + s gd + (Dd r + D r' nd) x + D r xd
 *   gbd = Dd ds/dz + D (ds/dz)' nd
 * where the norm has no gradient (clamped, or 0 without normalize) nd = r = 0.
 */
#ifndef EQUIKERN_NORM_ACTIVATION_H
#define EQUIKERN_NORM_ACTIVATION_H

#include "reduction.h"
#include "activation.h"

/* copy record */
#define NC_START 0
#define NC_DIM 1
#define NC_STRIDE 2

/* params */
#define NP_CONSTANT 0
#define NP_EPSILON 1

/* Squared norm of the d components from xc. */
DEVICE_FN REAL norm_squared(const GLOBAL REAL *xc, const int d) {
    REAL q = (REAL) 0;
    for (int i = 0; i < d; ++i) {
        q += xc[i] * xc[i];
    }
    return q;
}

/* The norm of a copy with squared norm q: sqrt(q), clamped to epsilon below epsilon when normalizing. */
DEVICE_FN REAL norm_clamped(const REAL q, const int normalize, const REAL epsilon) {
    return normalize && q < epsilon * epsilon ? epsilon : sqrt(q);
}

/* Offset of copy record rec in sample b, whose rows hold dim entries. */
DEVICE_FN INDEX norm_copy_at(const GLOBAL int *rec, const int b, const int dim) {
    return (INDEX) b * dim + rec[NC_START];
}

/* Where a copy stands: its norm, whether the norm has a gradient there, and z = n + bias. */
typedef struct {
    REAL n;
    REAL z;
    int constant_norm;
} NormPoint;

DEVICE_FN NormPoint norm_point(const GLOBAL REAL *xc, const int d, const REAL b, const int normalize,
                               const REAL epsilon) {
    const REAL q = norm_squared(xc, d);
    NormPoint p;
    /* The norm has no gradient where e3nn clamps it, nor at 0 without normalize (relu().sqrt()). */
    p.constant_norm = normalize ? q < epsilon * epsilon : q == (REAL) 0;
    p.n = norm_clamped(q, normalize, epsilon);
    p.z = p.n + b;
    return p;
}

/*
 * The backward quantities of one copy: the scale s, the coefficient of x in its input gradient
 * (*radial) and the derivative of Σ out·grad_out with respect to its bias (*bias_term).
 */
DEVICE_FN REAL norm_backward_terms(const GLOBAL REAL *xc, const GLOBAL REAL *gc, const int d, const REAL b,
                                   const int activation, const int normalize, const GLOBAL REAL *params,
                                   REAL *radial, REAL *bias_term) {
    const REAL k = params[NP_CONSTANT];
    const NormPoint point = norm_point(xc, d, b, normalize, params[NP_EPSILON]);
    const int constant_norm = point.constant_norm;
    const REAL n = point.n;
    const REAL z = point.z;
    const REAL fz = k * activation_value(activation, z);
    const REAL fp = k * activation_derivative(activation, z);
    const REAL s = normalize ? fz / n : fz;
    const REAL dsdz = normalize ? fp / n : fp;
    const REAL dsdn = normalize ? (fp - s) / n : fp;
    REAL dot = (REAL) 0;
    for (int i = 0; i < d; ++i) {
        dot += gc[i] * xc[i];
    }
    *radial = constant_norm ? (REAL) 0 : dot * dsdn / n;
    *bias_term = dot * dsdz;
    return s;
}

/*
 * This work-item's (sample, irrep copy) over batch × copies: writes the copy, its dimension and
 * where its values start; returns 0 for the items that pad the launch.
 */
DEVICE_FN int norm_item(const int batch, const int copies, const int dim, const GLOBAL int *copy, int *c, int *d,
                        INDEX *at) {
    int b;
    if (!grid_item(batch, copies, &b, c)) {
        return 0;
    }
    const GLOBAL int *rec = copy + NC_STRIDE * *c;
    *d = rec[NC_DIM];
    *at = norm_copy_at(rec, b, dim);
    return 1;
}

/* The scale of one copy and its derivatives in the norm n and in z = n + bias (see the top). */
typedef struct {
    REAL s;
    REAL s1;      /* ds/dn */
    REAL r;       /* s1 / n, or 0 where the norm has no gradient */
    REAL r1;      /* dr/dn, likewise */
    REAL dsdz;
    REAL dsdz1;   /* d(ds/dz)/dn */
    REAL n_dot;   /* x.xd / n, likewise */
} NormTerms;

DEVICE_FN NormTerms norm_second_order_terms(const GLOBAL REAL *xc, const GLOBAL REAL *xdc, const int d, const REAL b,
                                            const int activation, const int normalize, const GLOBAL REAL *params) {
    const REAL k = params[NP_CONSTANT];
    const NormPoint point = norm_point(xc, d, b, normalize, params[NP_EPSILON]);
    const int constant_norm = point.constant_norm;
    const REAL n = point.n;
    const REAL z = point.z;
    const REAL f0 = k * activation_value(activation, z);
    const REAL f1 = k * activation_derivative(activation, z);
    const REAL f2 = k * activation_second_derivative(activation, z);
    NormTerms t;
    t.s = normalize ? f0 / n : f0;
    t.s1 = normalize ? (f1 - t.s) / n : f1;
    t.dsdz = normalize ? f1 / n : f1;
    t.dsdz1 = normalize ? (f2 - t.dsdz) / n : f2;
    const REAL s2 = normalize ? (f2 - (REAL) 2 * t.s1) / n : f2;
    REAL x_dot = (REAL) 0;
    for (int i = 0; i < d; ++i) {
        x_dot += xc[i] * xdc[i];
    }
    t.r = constant_norm ? (REAL) 0 : t.s1 / n;
    t.r1 = constant_norm ? (REAL) 0 : (s2 - t.r) / n;
    t.n_dot = constant_norm ? (REAL) 0 : x_dot / n;
    return t;
}

/* D = g.x and its tangent Dd = gd.x + g.xd of one copy. */
DEVICE_FN void norm_dot_and_tangent(const GLOBAL REAL *xc, const GLOBAL REAL *xdc, const GLOBAL REAL *gc,
                                    const GLOBAL REAL *gdc, const int d, REAL *dot, REAL *dot_tangent) {
    REAL a = (REAL) 0;
    REAL t = (REAL) 0;
    for (int i = 0; i < d; ++i) {
        a += gc[i] * xc[i];
        t += gdc[i] * xc[i] + gc[i] * xdc[i];
    }
    *dot = a;
    *dot_tangent = t;
}

/*
 * Bias-gradient item (slice of the batch, copy): sums D ds/dz over the slice's samples, or with
 * the tangents (x_dot not 0) Dd ds/dz + D (ds/dz)' nd. Both walk the same samples of one copy.
 */
DEVICE_FN void norm_bias_item(const int batch, const int dim, const int copies, const int activation,
                              const int normalize, const GLOBAL int *copy, const GLOBAL REAL *params,
                              const GLOBAL REAL *x, const GLOBAL REAL *bias, const GLOBAL REAL *x_dot,
                              const GLOBAL REAL *grad_out, const GLOBAL REAL *grad_out_dot,
                              const int slices, const int chunk, GLOBAL REAL *partial) {
    int c, first, end;
    if (!slice_item(copies, slices, chunk, batch, &c, &first, &end)) {
        return;
    }
    const GLOBAL int *rec = copy + NC_STRIDE * c;
    const int d = rec[NC_DIM];
    REAL sum = (REAL) 0;
    for (int b = first; b < end; ++b) {
        const INDEX at = norm_copy_at(rec, b, dim);
        if (x_dot) {
            const NormTerms t = norm_second_order_terms(x + at, x_dot + at, d, bias[c], activation, normalize,
                                                        params);
            REAL dot, dot_tangent;
            norm_dot_and_tangent(x + at, x_dot + at, grad_out + at, grad_out_dot + at, d, &dot, &dot_tangent);
            sum += dot_tangent * t.dsdz + dot * t.dsdz1 * t.n_dot;
        } else {
            REAL radial;
            REAL bias_term;
            norm_backward_terms(x + at, grad_out + at, d, bias[c], activation, normalize, params, &radial,
                                &bias_term);
            sum += bias_term;
        }
    }
    partial[GLOBAL_ID(0)] = sum;
}

KERNEL void norm_activation_forward(const int batch, const int dim, const int copies, const int activation,
                                    const int normalize, const int has_bias,
                                    const GLOBAL int *RESTRICT copy,
                                    const GLOBAL REAL *RESTRICT params,
                                    const GLOBAL REAL *RESTRICT x,
                                    const GLOBAL REAL *RESTRICT bias,
                                    GLOBAL REAL *RESTRICT out) {
    int c, d;
    INDEX at;
    if (!norm_item(batch, copies, dim, copy, &c, &d, &at)) {
        return;
    }
    const GLOBAL REAL *xc = x + at;
    const REAL n = norm_clamped(norm_squared(xc, d), normalize, params[NP_EPSILON]);
    const REAL fz = params[NP_CONSTANT] * activation_value(activation, has_bias ? n + bias[c] : n);
    const REAL s = normalize ? fz / n : fz;
    GLOBAL REAL *oc = out + at;
    for (int i = 0; i < d; ++i) {
        oc[i] = s * xc[i];
    }
}

KERNEL void norm_activation_grad_x(const int batch, const int dim, const int copies, const int activation,
                                   const int normalize, const int has_bias,
                                   const GLOBAL int *RESTRICT copy,
                                   const GLOBAL REAL *RESTRICT params,
                                   const GLOBAL REAL *RESTRICT x,
                                   const GLOBAL REAL *RESTRICT bias,
                                   const GLOBAL REAL *RESTRICT grad_out,
                                   GLOBAL REAL *RESTRICT grad_x) {
    int c, d;
    INDEX at;
    if (!norm_item(batch, copies, dim, copy, &c, &d, &at)) {
        return;
    }
    const GLOBAL REAL *xc = x + at;
    const GLOBAL REAL *gc = grad_out + at;
    REAL radial;
    REAL bias_term;
    const REAL s = norm_backward_terms(xc, gc, d, has_bias ? bias[c] : (REAL) 0, activation, normalize, params,
                                       &radial, &bias_term);
    GLOBAL REAL *gxc = grad_x + at;
    for (int i = 0; i < d; ++i) {
        gxc[i] = s * gc[i] + radial * xc[i];
    }
}

KERNEL void norm_activation_grad_bias(const int batch, const int dim, const int copies, const int activation,
                                      const int normalize,
                                      const GLOBAL int *RESTRICT copy,
                                      const GLOBAL REAL *RESTRICT params,
                                      const GLOBAL REAL *RESTRICT x,
                                      const GLOBAL REAL *RESTRICT bias,
                                      const GLOBAL REAL *RESTRICT grad_out,
                                      const int slices, const int chunk,
                                      GLOBAL REAL *RESTRICT partial) {
    norm_bias_item(batch, dim, copies, activation, normalize, copy, params, x, bias, 0, grad_out, 0, slices, chunk,
                   partial);
}

KERNEL void norm_activation_tangent(const int batch, const int dim, const int copies, const int activation,
                                    const int normalize, const int has_bias,
                                    const GLOBAL int *RESTRICT copy,
                                    const GLOBAL REAL *RESTRICT params,
                                    const GLOBAL REAL *RESTRICT x,
                                    const GLOBAL REAL *RESTRICT bias,
                                    const GLOBAL REAL *RESTRICT x_dot,
                                    GLOBAL REAL *RESTRICT out_dot) {
    int c, d;
    INDEX at;
    if (!norm_item(batch, copies, dim, copy, &c, &d, &at)) {
        return;
    }
    const GLOBAL REAL *xc = x + at;
    const GLOBAL REAL *xdc = x_dot + at;
    const NormTerms t = norm_second_order_terms(xc, xdc, d, has_bias ? bias[c] : (REAL) 0, activation, normalize,
                                                params);
    GLOBAL REAL *odc = out_dot + at;
    for (int i = 0; i < d; ++i) {
        odc[i] = t.s * xdc[i] + t.s1 * t.n_dot * xc[i];
    }
}

KERNEL void norm_activation_tangent_grad_x(const int batch, const int dim, const int copies, const int activation,
                                           const int normalize, const int has_bias,
                                           const GLOBAL int *RESTRICT copy,
                                           const GLOBAL REAL *RESTRICT params,
                                           const GLOBAL REAL *RESTRICT x,
                                           const GLOBAL REAL *RESTRICT bias,
                                           const GLOBAL REAL *RESTRICT x_dot,
                                           const GLOBAL REAL *RESTRICT grad_out,
                                           const GLOBAL REAL *RESTRICT grad_out_dot,
                                           GLOBAL REAL *RESTRICT grad_x_dot) {
    int c, d;
    INDEX at;
    if (!norm_item(batch, copies, dim, copy, &c, &d, &at)) {
        return;
    }
    const GLOBAL REAL *xc = x + at;
    const GLOBAL REAL *xdc = x_dot + at;
    const GLOBAL REAL *gc = grad_out + at;
    const GLOBAL REAL *gdc = grad_out_dot + at;
    const NormTerms t = norm_second_order_terms(xc, xdc, d, has_bias ? bias[c] : (REAL) 0, activation, normalize,
                                                params);
    REAL dot, dot_tangent;
    norm_dot_and_tangent(xc, xdc, gc, gdc, d, &dot, &dot_tangent);
    const REAL s_dot = t.s1 * t.n_dot;
    const REAL radial_dot = dot_tangent * t.r + dot * t.r1 * t.n_dot;
    const REAL radial = dot * t.r;
    GLOBAL REAL *gxdc = grad_x_dot + at;
    for (int i = 0; i < d; ++i) {
        gxdc[i] = s_dot * gc[i] + t.s * gdc[i] + radial_dot * xc[i] + radial * xdc[i];
    }
}

KERNEL void norm_activation_tangent_grad_bias(const int batch, const int dim, const int copies, const int activation,
                                              const int normalize,
                                              const GLOBAL int *RESTRICT copy,
                                              const GLOBAL REAL *RESTRICT params,
                                              const GLOBAL REAL *RESTRICT x,
                                              const GLOBAL REAL *RESTRICT bias,
                                              const GLOBAL REAL *RESTRICT x_dot,
                                              const GLOBAL REAL *RESTRICT grad_out,
                                              const GLOBAL REAL *RESTRICT grad_out_dot,
                                              const int slices, const int chunk,
                                              GLOBAL REAL *RESTRICT partial) {
    norm_bias_item(batch, dim, copies, activation, normalize, copy, params, x, bias, x_dot, grad_out, grad_out_dot,
                   slices, chunk, partial);
}

#endif /* EQUIKERN_NORM_ACTIVATION_H */
