/*
 * Real spherical harmonics of degrees 0..lmax and their vector-Jacobian product, for any lmax,
 * one work item per vector, with the forward-mode pieces the edge embedding's second order uses. The math lives in org.equikern.group.SphericalHarmonics; the host
 * passes its recursion tables (see SphericalHarmonicsTables):
 *
 *   term[3t..3t+2] = (axis, src, dst), coefficient[t]:  Y[dst] += coefficient·u[axis]·Y[src]
 *
 * in order of increasing degree, starting from Y = (1, 0, 0, ...), then Y[k] *= scale[k].
 * u = v/|v| with normalize != 0 (0 for the zero vector, so Y_0 keeps its constant and the rest
 * is 0), u = v otherwise. The recursion runs in the caller's output row (forward) or scratch
 * rows (backward), so no private array depends on lmax.
 */
#ifndef EQUIKERN_SPHERICAL_HARMONICS_H
#define EQUIKERN_SPHERICAL_HARMONICS_H

#include "prelude.h"

/* u from vector (x, y, z); returns |v| when normalizing, else 1. */
DEVICE_FN REAL sh_direction(const REAL x, const REAL y, const REAL z, const int normalize, REAL *u) {
    REAL r = (REAL) 1;
    REAL inv = (REAL) 1;
    if (normalize) {
        r = sqrt(x * x + y * y + z * z);
        inv = r > (REAL) 0 ? (REAL) 1 / r : (REAL) 0;
    }
    u[0] = x * inv;
    u[1] = y * inv;
    u[2] = z * inv;
    return r;
}

/* Unscaled harmonics of u into y[0 .. dim). */
DEVICE_FN void sh_recurse(const int dim, const int terms, const GLOBAL int *term,
                          const GLOBAL REAL *coefficient, const REAL *u, GLOBAL REAL *y) {
    y[0] = (REAL) 1;
    for (int k = 1; k < dim; ++k) {
        y[k] = (REAL) 0;
    }
    for (int t = 0; t < terms; ++t) {
        y[term[3 * t + 2]] += coefficient[t] * u[term[3 * t]] * y[term[3 * t + 1]];
    }
}

/* Scaled harmonics of u into y[0 .. dim). */
DEVICE_FN void sh_scaled(const int dim, const int terms, const GLOBAL int *term, const GLOBAL REAL *coefficient,
                         const GLOBAL REAL *scale, const REAL *u, GLOBAL REAL *y) {
    sh_recurse(dim, terms, term, coefficient, u, y);
    for (int k = 0; k < dim; ++k) {
        y[k] *= scale[k];
    }
}

/*
 * g = sum_k gy[k]·dY_k/dv for a nonzero v with direction u and r from sh_direction, by
 * reverse-mode through the recursion: each term Y[dst] += c·u[axis]·Y[src] sends
 * c·u[axis]·Ybar[dst] to Ybar[src] and c·Y[src]·Ybar[dst] to ubar[axis], visited in reverse
 * order. y and ybar are dim-INDEX scratch rows for the unscaled Y and its adjoint.
 */
DEVICE_FN void sh_vector_gradient(const int dim, const int terms, const int normalize, const GLOBAL int *term,
                                  const GLOBAL REAL *coefficient, const GLOBAL REAL *scale, const REAL *u,
                                  const REAL r, const GLOBAL REAL *gy, GLOBAL REAL *y, GLOBAL REAL *ybar,
                                  REAL *g) {
    sh_recurse(dim, terms, term, coefficient, u, y);
    for (int k = 0; k < dim; ++k) {
        ybar[k] = gy[k] * scale[k];
    }
    REAL ubar[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    for (int t = terms - 1; t >= 0; --t) {
        const int axis = term[3 * t];
        const int src = term[3 * t + 1];
        const REAL w = coefficient[t] * ybar[term[3 * t + 2]];
        ubar[axis] += w * y[src];
        ybar[src] += w * u[axis];
    }
    if (normalize) {
        /* through u = v/r: du/dv = (I - u u^T)/r */
        const REAL radial = ubar[0] * u[0] + ubar[1] * u[1] + ubar[2] * u[2];
        for (int a = 0; a < 3; ++a) {
            g[a] = (ubar[a] - radial * u[a]) / r;
        }
    } else {
        for (int a = 0; a < 3; ++a) {
            g[a] = ubar[a];
        }
    }
}

/*
 * The tangent of the direction along vd: ud = (vd - u (u.vd))/r with normalize (vd otherwise);
 * returns rd = u.vd (0 without normalize).
 */
DEVICE_FN REAL sh_direction_tangent(const REAL *u, const REAL r, const int normalize, const REAL *vd, REAL *ud) {
    const REAL rd = normalize ? u[0] * vd[0] + u[1] * vd[1] + u[2] * vd[2] : (REAL) 0;
    for (int a = 0; a < 3; ++a) {
        ud[a] = (vd[a] - rd * u[a]) / r;
    }
    return rd;
}

/* Unscaled harmonics of u into y and their tangent along ud into yd (forward mode through the recursion). */
DEVICE_FN void sh_recurse_tangent(const int dim, const int terms, const GLOBAL int *term,
                                  const GLOBAL REAL *coefficient, const REAL *u, const REAL *ud, GLOBAL REAL *y,
                                  GLOBAL REAL *yd) {
    y[0] = (REAL) 1;
    yd[0] = (REAL) 0;
    for (int k = 1; k < dim; ++k) {
        y[k] = (REAL) 0;
        yd[k] = (REAL) 0;
    }
    for (int t = 0; t < terms; ++t) {
        const int axis = term[3 * t];
        const int src = term[3 * t + 1];
        const int dst = term[3 * t + 2];
        const REAL c = coefficient[t];
        yd[dst] += c * (ud[axis] * y[src] + u[axis] * yd[src]);
        y[dst] += c * u[axis] * y[src];
    }
}

/*
 * The tangent of sh_vector_gradient when v moves along vd (ud, rd from sh_direction_tangent) and gy
 * along gyd: sum_k gy[k] Hess(Y_k) vd + sum_k gyd[k] grad(Y_k), by forward mode through its reverse
 * recursion (org.equikern.group.SphericalHarmonics.tangentBackward). gy or gyd absent (has_gy,
 * has_gyd = 0) count as zero and are not read. y, yd, ybar, ybard are dim-long scratch rows.
 */
DEVICE_FN void sh_vector_gradient_tangent(const int dim, const int terms, const int normalize,
                                          const GLOBAL int *term, const GLOBAL REAL *coefficient,
                                          const GLOBAL REAL *scale, const REAL *u, const REAL *ud, const REAL r,
                                          const REAL rd, const int has_gy, const GLOBAL REAL *gy, const int has_gyd,
                                          const GLOBAL REAL *gyd, GLOBAL REAL *y, GLOBAL REAL *yd,
                                          GLOBAL REAL *ybar, GLOBAL REAL *ybard, REAL *gd) {
    sh_recurse_tangent(dim, terms, term, coefficient, u, ud, y, yd);
    for (int k = 0; k < dim; ++k) {
        ybar[k] = has_gy ? gy[k] * scale[k] : (REAL) 0;
        ybard[k] = has_gyd ? gyd[k] * scale[k] : (REAL) 0;
    }
    REAL ubar[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    REAL ubard[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    for (int t = terms - 1; t >= 0; --t) {
        const int axis = term[3 * t];
        const int src = term[3 * t + 1];
        const int dst = term[3 * t + 2];
        const REAL w = coefficient[t] * ybar[dst];
        const REAL wd = coefficient[t] * ybard[dst];
        ubar[axis] += w * y[src];
        ubard[axis] += wd * y[src] + w * yd[src];
        ybar[src] += w * u[axis];
        ybard[src] += wd * u[axis] + w * ud[axis];
    }
    if (normalize) {
        /* g = (ubar - (ubar.u) u)/r, differentiated along (ud, rd) */
        const REAL radial = ubar[0] * u[0] + ubar[1] * u[1] + ubar[2] * u[2];
        const REAL radial_dot = ubard[0] * u[0] + ubard[1] * u[1] + ubard[2] * u[2]
                + ubar[0] * ud[0] + ubar[1] * ud[1] + ubar[2] * ud[2];
        for (int a = 0; a < 3; ++a) {
            const REAL g = (ubar[a] - radial * u[a]) / r;
            gd[a] = (ubard[a] - radial_dot * u[a] - radial * ud[a]) / r - g * rd / r;
        }
    } else {
        for (int a = 0; a < 3; ++a) {
            gd[a] = ubard[a];
        }
    }
}

/* out[s, k] = scale[k]·Y_k(u_s) for vectors [n, 3] and out [n, dim]. */
KERNEL void sh_forward(const int n, const int dim, const int terms, const int normalize,
                       const GLOBAL int *RESTRICT term,
                       const GLOBAL REAL *RESTRICT coefficient,
                       const GLOBAL REAL *RESTRICT scale,
                       const GLOBAL REAL *RESTRICT vectors,
                       GLOBAL REAL *RESTRICT out) {
    const INDEX s = GLOBAL_ID(0);
    if (s >= n) {
        return;
    }
    REAL u[3];
    const GLOBAL REAL *v = vectors + 3 * (INDEX) s;
    sh_direction(v[0], v[1], v[2], normalize, u);
    sh_scaled(dim, terms, term, coefficient, scale, u, out + (INDEX) s * dim);
}

/*
 * grad_vectors[s, a] = sum_k grad_out[s, k]·dY_k/dv_a (sh_vector_gradient). scratch holds, per
 * vector, the unscaled Y and then its adjoint Ybar ([n, 2·dim]). The zero vector under
 * normalize gets 0.
 */
KERNEL void sh_backward(const int n, const int dim, const int terms, const int normalize,
                        const GLOBAL int *RESTRICT term,
                        const GLOBAL REAL *RESTRICT coefficient,
                        const GLOBAL REAL *RESTRICT scale,
                        const GLOBAL REAL *RESTRICT vectors,
                        const GLOBAL REAL *RESTRICT grad_out,
                        GLOBAL REAL *RESTRICT scratch,
                        GLOBAL REAL *RESTRICT grad_vectors) {
    const INDEX s = GLOBAL_ID(0);
    if (s >= n) {
        return;
    }
    GLOBAL REAL *out = grad_vectors + 3 * (INDEX) s;
    const GLOBAL REAL *v = vectors + 3 * (INDEX) s;
    REAL u[3];
    const REAL r = sh_direction(v[0], v[1], v[2], normalize, u);
    REAL g[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    if (r != (REAL) 0) {
        GLOBAL REAL *y = scratch + 2 * (INDEX) s * dim;
        sh_vector_gradient(dim, terms, normalize, term, coefficient, scale, u, r, grad_out + (INDEX) s * dim, y,
                           y + dim, g);
    }
    out[0] = g[0];
    out[1] = g[1];
    out[2] = g[2];
}

#endif /* EQUIKERN_SPHERICAL_HARMONICS_H */
