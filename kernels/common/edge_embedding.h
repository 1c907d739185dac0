/*
 * NequIP's edge embedding (org.equikern.nn.EdgeEmbedding): per edge e = src -> dst the vector
 * v = pos[dst] - pos[src] (+ shift[e]), its length r, the harmonics Y(v/r) through
 * spherical_harmonics.h, and the radial features R_k(r) = B_k(r)·u(r) (RadialEmbedding), one
 * work item per edge. The gradient with respect to the positions is gathered by one work item
 * per atom over the graph's CSR groups, so it needs no atomics and repeats exactly.
 *
 * The radial table (built by RadialTables from the Java classes) holds
 *   [RT_BASIS_A]   Bessel: prefactor c            Gaussian: width sigma
 *   [RT_BASIS_B]   Bessel: series threshold       Gaussian: divisor (1.12)
 *   [RT_CUTOFF]    cutoff radius r_c of the envelope
 *   [RT_EXPONENT]  envelope exponent p
 *   [RT_FUNCTIONS + k]  Bessel: frequency w_k     Gaussian: centre mu_k
 */
#ifndef EQUIKERN_EDGE_EMBEDDING_H
#define EQUIKERN_EDGE_EMBEDDING_H

#include "prelude.h"
#include "spherical_harmonics.h"

#define RT_BASIS_A 0
#define RT_BASIS_B 1
#define RT_CUTOFF 2
#define RT_EXPONENT 3
#define RT_FUNCTIONS 4

#define BASIS_BESSEL 0
#define BASIS_GAUSSIAN 1

/* Bits of the flags argument: which optional inputs and outputs are present. */
#define EE_SHIFTS 1
#define EE_VECTORS 2
#define EE_LENGTHS 4
#define EE_SH 8
#define EE_RADIAL 16
#define EE_GRAD_SHIFTS 32
/* second order: the tangents of grad_sh and grad_radial are present */
#define EE_SH_TANGENT 64
#define EE_RADIAL_TANGENT 128

/*
 * Below the table's threshold (chosen for double) sinc' comes from its series. Float keeps about
 * 7 digits, which (x cos x - sin x)/x^2 loses up to x ~ 0.5, where the series is still exact to
 * float, so float uses the series up to there.
 */
#ifdef REAL_IS_DOUBLE
#define EE_SERIES_FLOOR ((REAL) 0)
#else
#define EE_SERIES_FLOOR ((REAL) 0.5)
#endif

/*
 * sinc'' comes from its series below this x: org.equikern.nn.BesselBasis.secondSeriesThreshold()
 * in double; float's closed form loses about 6e-8/x^2 relative, so float takes the series up to 1,
 * where it is still exact to float.
 */
#ifdef REAL_IS_DOUBLE
#define EE_SECOND_SERIES_BELOW ((REAL) 0.1)
#else
#define EE_SECOND_SERIES_BELOW ((REAL) 1)
#endif

/* Basis function k at r and its derivative (BesselBasis, GaussianBasis). */
DEVICE_FN REAL ee_basis(const int kind, const GLOBAL REAL *table, const int k, const REAL r, REAL *derivative) {
    if (kind == BASIS_BESSEL) {
        /* B = c·w·sinc(w r), dB/dr = c·w²·sinc'(w r) */
        const REAL c = table[RT_BASIS_A];
        const REAL w = table[RT_FUNCTIONS + k];
        const REAL x = w * r;
        const REAL sinc = x == (REAL) 0 ? (REAL) 1 : sin(x) / x;
        REAL sinc_derivative;
        if (fabs(x) < fmax(table[RT_BASIS_B], EE_SERIES_FLOOR)) {
            const REAL x2 = x * x;
            sinc_derivative = x * ((REAL) (-1.0 / 3) + x2 * ((REAL) (1.0 / 30) + x2 * ((REAL) (-1.0 / 840)
                    + x2 / (REAL) 45360)));
        } else {
            sinc_derivative = (x * cos(x) - sin(x)) / (x * x);
        }
        *derivative = c * w * w * sinc_derivative;
        return c * w * sinc;
    }
    const REAL width = table[RT_BASIS_A];
    const REAL d = (r - table[RT_FUNCTIONS + k]) / width;
    const REAL value = exp(-d * d) / table[RT_BASIS_B];
    *derivative = (REAL) -2 * d / width * value;
    return value;
}

/* The second derivative of basis function k at r (BesselBasis, GaussianBasis .secondDerivatives). */
DEVICE_FN REAL ee_basis_second(const int kind, const GLOBAL REAL *table, const int k, const REAL r) {
    if (kind == BASIS_BESSEL) {
        /* d2B/dr2 = c·w³·sinc''(w r) */
        const REAL w = table[RT_FUNCTIONS + k];
        const REAL x = w * r;
        const REAL x2 = x * x;
        REAL sinc_second;
        if (fabs(x) < EE_SECOND_SERIES_BELOW) {
            sinc_second = (REAL) (-1.0 / 3) + x2 * ((REAL) (1.0 / 10) + x2 * ((REAL) (-1.0 / 168)
                    + x2 * ((REAL) (1.0 / 6480) - x2 / (REAL) 443520)));
        } else {
            sinc_second = (((REAL) 2 - x2) * sin(x) - (REAL) 2 * x * cos(x)) / (x2 * x);
        }
        return table[RT_BASIS_A] * w * w * w * sinc_second;
    }
    const REAL width = table[RT_BASIS_A];
    const REAL d = (r - table[RT_FUNCTIONS + k]) / width;
    return ((REAL) 4 * d * d - (REAL) 2) / (width * width) * exp(-d * d) / table[RT_BASIS_B];
}

/* d2u/dr2 of the envelope (PolynomialCutoff.secondDerivative), factored; 0 from r_c on. */
DEVICE_FN REAL ee_cutoff_second(const GLOBAL REAL *table, const REAL r) {
    const REAL x = r / table[RT_CUTOFF];
    if (!(x < (REAL) 1)) {
        return (REAL) 0;
    }
    const REAL p = table[RT_EXPONENT];
    const REAL a = (p + (REAL) 1) * (p + (REAL) 2) / (REAL) 2;
    return -p * a * pow(x, p - (REAL) 2) * ((REAL) 1 - x) * (p - (REAL) 1 - (p + (REAL) 1) * x)
            / (table[RT_CUTOFF] * table[RT_CUTOFF]);
}

/* The polynomial envelope u(r) (PolynomialCutoff) and du/dr in its factored form; 0 from r_c on. */
DEVICE_FN REAL ee_cutoff(const GLOBAL REAL *table, const REAL r, REAL *derivative) {
    const REAL x = r / table[RT_CUTOFF];
    *derivative = (REAL) 0;
    if (!(x < (REAL) 1)) {
        return (REAL) 0;
    }
    const REAL p = table[RT_EXPONENT];
    const REAL a = (p + (REAL) 1) * (p + (REAL) 2) / (REAL) 2;
    const REAL b = p * (p + (REAL) 2);
    const REAL c = p * (p + (REAL) 1) / (REAL) 2;
    const REAL xp = pow(x, p);
    const REAL one_minus = (REAL) 1 - x;
    *derivative = -p * a * pow(x, p - (REAL) 1) * one_minus * one_minus / table[RT_CUTOFF];
    return (REAL) 1 - a * xp + b * xp * x - c * xp * x * x;
}

/* The vector of edge e, v = pos[dst] - pos[src] (+ shift). */
DEVICE_FN void ee_vector(const int e, const int flags, const GLOBAL int *src, const GLOBAL int *dst,
                         const GLOBAL REAL *positions, const GLOBAL REAL *shifts, REAL *v) {
    const INDEX i = 3 * (INDEX) src[e];
    const INDEX j = 3 * (INDEX) dst[e];
    for (int a = 0; a < 3; ++a) {
        v[a] = positions[j + a] - positions[i + a];
        if (flags & EE_SHIFTS) {
            v[a] += shifts[3 * (INDEX) e + a];
        }
    }
}

/* Edge e's vector v and its direction u; returns its length. */
DEVICE_FN REAL ee_geometry(const int e, const int flags, const GLOBAL int *src, const GLOBAL int *dst,
                           const GLOBAL REAL *positions, const GLOBAL REAL *shifts, REAL *v, REAL *u) {
    ee_vector(e, flags, src, dst, positions, shifts, v);
    return sh_direction(v[0], v[1], v[2], 1, u);
}

/* Edge features of every edge; outputs whose flag is clear are not written. */
KERNEL void edge_embedding_forward(const int edges, const int dim, const int terms, const int radial_size,
                                   const int basis, const int flags,
                                   const GLOBAL int *RESTRICT term,
                                   const GLOBAL REAL *RESTRICT coefficient,
                                   const GLOBAL REAL *RESTRICT scale,
                                   const GLOBAL REAL *RESTRICT table,
                                   const GLOBAL int *RESTRICT src,
                                   const GLOBAL int *RESTRICT dst,
                                   const GLOBAL REAL *RESTRICT positions,
                                   const GLOBAL REAL *RESTRICT shifts,
                                   GLOBAL REAL *RESTRICT vectors,
                                   GLOBAL REAL *RESTRICT lengths,
                                   GLOBAL REAL *RESTRICT sh,
                                   GLOBAL REAL *RESTRICT radial) {
    const INDEX e = GLOBAL_ID(0);
    if (e >= edges) {
        return;
    }
    REAL v[3];
    REAL u[3];
    const REAL r = ee_geometry(e, flags, src, dst, positions, shifts, v, u);
    if (flags & EE_VECTORS) {
        for (int a = 0; a < 3; ++a) {
            vectors[3 * (INDEX) e + a] = v[a];
        }
    }
    if (flags & EE_LENGTHS) {
        lengths[e] = r;
    }
    if (flags & EE_SH) {
        sh_scaled(dim, terms, term, coefficient, scale, u, sh + (INDEX) e * dim);
    }
    if (flags & EE_RADIAL) {
        REAL du;
        const REAL envelope = ee_cutoff(table, r, &du);
        GLOBAL REAL *out = radial + (INDEX) e * radial_size;
        for (int k = 0; k < radial_size; ++k) {
            REAL db;
            out[k] = ee_basis(basis, table, k, r, &db) * envelope;
        }
    }
}

/*
 * The gradient of each edge vector, from grad_sh and grad_radial (flags EE_SH, EE_RADIAL say
 * which are present), into the last 3 entries of the edge's scratch record of 2·dim + 3 (the
 * first 2·dim hold the harmonics recursion and its adjoint), and into grad_shifts with
 * EE_GRAD_SHIFTS. A zero-length edge gets 0: its direction is undefined.
 */
KERNEL void edge_embedding_edge_gradient(const int edges, const int dim, const int terms, const int radial_size,
                                         const int basis, const int flags,
                                         const GLOBAL int *RESTRICT term,
                                         const GLOBAL REAL *RESTRICT coefficient,
                                         const GLOBAL REAL *RESTRICT scale,
                                         const GLOBAL REAL *RESTRICT table,
                                         const GLOBAL int *RESTRICT src,
                                         const GLOBAL int *RESTRICT dst,
                                         const GLOBAL REAL *RESTRICT positions,
                                         const GLOBAL REAL *RESTRICT shifts,
                                         const GLOBAL REAL *RESTRICT grad_sh,
                                         const GLOBAL REAL *RESTRICT grad_radial,
                                         GLOBAL REAL *RESTRICT scratch,
                                         GLOBAL REAL *RESTRICT grad_shifts) {
    const INDEX e = GLOBAL_ID(0);
    if (e >= edges) {
        return;
    }
    REAL v[3];
    REAL u[3];
    const REAL r = ee_geometry(e, flags, src, dst, positions, shifts, v, u);
    GLOBAL REAL *work = scratch + (INDEX) e * (2 * dim + 3);
    REAL g[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    if (r != (REAL) 0) {
        if (flags & EE_SH) {
            sh_vector_gradient(dim, terms, 1, term, coefficient, scale, u, r, grad_sh + (INDEX) e * dim, work,
                               work + dim, g);
        }
        if (flags & EE_RADIAL) {
            /* dR_k/dr = dB_k·u + B_k·du, and dr/dv = v/r */
            REAL du;
            const REAL envelope = ee_cutoff(table, r, &du);
            const GLOBAL REAL *gr = grad_radial + (INDEX) e * radial_size;
            REAL dr = (REAL) 0;
            for (int k = 0; k < radial_size; ++k) {
                REAL db;
                const REAL b = ee_basis(basis, table, k, r, &db);
                dr += gr[k] * (db * envelope + b * du);
            }
            for (int a = 0; a < 3; ++a) {
                g[a] += dr / r * v[a];
            }
        }
    }
    for (int a = 0; a < 3; ++a) {
        work[2 * dim + a] = g[a];
        if (flags & EE_GRAD_SHIFTS) {
            grad_shifts[3 * (INDEX) e + a] = g[a];
        }
    }
}

/* The tangent of edge e's vector along the position tangent (shifts are constants). */
DEVICE_FN void ee_vector_tangent(const int e, const GLOBAL int *src, const GLOBAL int *dst,
                                 const GLOBAL REAL *position_tangent, REAL *vd) {
    const INDEX i = 3 * (INDEX) src[e];
    const INDEX j = 3 * (INDEX) dst[e];
    for (int a = 0; a < 3; ++a) {
        vd[a] = position_tangent[j + a] - position_tangent[i + a];
    }
}

/*
 * The tangents of the harmonics (EE_SH) and radial features (EE_RADIAL) along the position
 * tangent: Jacobian-vector products. The harmonics recursion runs in the first dim entries of the
 * edge's backward scratch record (2·dim + 3). A zero-length edge gets 0, as it has no gradient.
 */
KERNEL void edge_embedding_tangent(const int edges, const int dim, const int terms, const int radial_size,
                                   const int basis, const int flags,
                                   const GLOBAL int *RESTRICT term,
                                   const GLOBAL REAL *RESTRICT coefficient,
                                   const GLOBAL REAL *RESTRICT scale,
                                   const GLOBAL REAL *RESTRICT table,
                                   const GLOBAL int *RESTRICT src,
                                   const GLOBAL int *RESTRICT dst,
                                   const GLOBAL REAL *RESTRICT positions,
                                   const GLOBAL REAL *RESTRICT shifts,
                                   const GLOBAL REAL *RESTRICT position_tangent,
                                   GLOBAL REAL *RESTRICT scratch,
                                   GLOBAL REAL *RESTRICT sh_tangent,
                                   GLOBAL REAL *RESTRICT radial_tangent) {
    const INDEX e = GLOBAL_ID(0);
    if (e >= edges) {
        return;
    }
    REAL v[3];
    REAL u[3];
    const REAL r = ee_geometry(e, flags, src, dst, positions, shifts, v, u);
    REAL vd[3];
    ee_vector_tangent(e, src, dst, position_tangent, vd);
    REAL ud[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    const REAL rd = r != (REAL) 0 ? sh_direction_tangent(u, r, 1, vd, ud) : (REAL) 0;
    if (flags & EE_SH) {
        GLOBAL REAL *yd = sh_tangent + (INDEX) e * dim;
        sh_recurse_tangent(dim, terms, term, coefficient, u, ud, scratch + (INDEX) e * (2 * dim + 3), yd);
        for (int k = 0; k < dim; ++k) {
            yd[k] *= scale[k];
        }
    }
    if (flags & EE_RADIAL) {
        REAL du;
        const REAL envelope = ee_cutoff(table, r, &du);
        GLOBAL REAL *out = radial_tangent + (INDEX) e * radial_size;
        for (int k = 0; k < radial_size; ++k) {
            REAL db;
            const REAL b = ee_basis(basis, table, k, r, &db);
            out[k] = (db * envelope + b * du) * rd;
        }
    }
}

/*
 * The tangent of each edge vector's gradient when the positions move along position_tangent and
 * grad_sh, grad_radial along their tangents (flags EE_SH, EE_SH_TANGENT, EE_RADIAL,
 * EE_RADIAL_TANGENT say which are present; absent ones count as zero), into the last 3 entries of
 * the edge's scratch record of 4·dim + 3 (the first 4·dim hold the harmonics recursion, its
 * tangent, its adjoint and the adjoint's tangent). Radial part, with f = sum_k g_k R_k'(r) / r:
 * d/dt (f v) = fd v + f vd, fd = (sum_k (gd_k R_k' + g_k R_k'' rd) - f rd) / r.
 */
KERNEL void edge_embedding_edge_gradient_tangent(const int edges, const int dim, const int terms,
                                                 const int radial_size, const int basis, const int flags,
                                                 const GLOBAL int *RESTRICT term,
                                                 const GLOBAL REAL *RESTRICT coefficient,
                                                 const GLOBAL REAL *RESTRICT scale,
                                                 const GLOBAL REAL *RESTRICT table,
                                                 const GLOBAL int *RESTRICT src,
                                                 const GLOBAL int *RESTRICT dst,
                                                 const GLOBAL REAL *RESTRICT positions,
                                                 const GLOBAL REAL *RESTRICT shifts,
                                                 const GLOBAL REAL *RESTRICT position_tangent,
                                                 const GLOBAL REAL *RESTRICT grad_sh,
                                                 const GLOBAL REAL *RESTRICT grad_sh_tangent,
                                                 const GLOBAL REAL *RESTRICT grad_radial,
                                                 const GLOBAL REAL *RESTRICT grad_radial_tangent,
                                                 GLOBAL REAL *RESTRICT scratch) {
    const INDEX e = GLOBAL_ID(0);
    if (e >= edges) {
        return;
    }
    REAL v[3];
    REAL u[3];
    const REAL r = ee_geometry(e, flags, src, dst, positions, shifts, v, u);
    REAL vd[3];
    ee_vector_tangent(e, src, dst, position_tangent, vd);
    GLOBAL REAL *work = scratch + (INDEX) e * (4 * dim + 3);
    REAL gd[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    if (r != (REAL) 0) {
        REAL ud[3];
        const REAL rd = sh_direction_tangent(u, r, 1, vd, ud);
        if (flags & (EE_SH | EE_SH_TANGENT)) {
            sh_vector_gradient_tangent(dim, terms, 1, term, coefficient, scale, u, ud, r, rd, flags & EE_SH,
                                       grad_sh + (INDEX) e * dim, flags & EE_SH_TANGENT,
                                       grad_sh_tangent + (INDEX) e * dim, work, work + dim, work + 2 * dim,
                                       work + 3 * dim, gd);
        }
        if (flags & (EE_RADIAL | EE_RADIAL_TANGENT)) {
            REAL du;
            const REAL envelope = ee_cutoff(table, r, &du);
            const REAL ddu = ee_cutoff_second(table, r);
            const GLOBAL REAL *gr = grad_radial + (INDEX) e * radial_size;
            const GLOBAL REAL *grd = grad_radial_tangent + (INDEX) e * radial_size;
            REAL dr = (REAL) 0;
            REAL dr_dot = (REAL) 0;
            for (int k = 0; k < radial_size; ++k) {
                REAL db;
                const REAL b = ee_basis(basis, table, k, r, &db);
                const REAL first = db * envelope + b * du;
                const REAL second = ee_basis_second(basis, table, k, r) * envelope + (REAL) 2 * db * du + b * ddu;
                const REAL g = (flags & EE_RADIAL) ? gr[k] : (REAL) 0;
                const REAL g_dot = (flags & EE_RADIAL_TANGENT) ? grd[k] : (REAL) 0;
                dr += g * first;
                dr_dot += g_dot * first + g * second * rd;
            }
            const REAL f = dr / r;
            const REAL f_dot = (dr_dot - f * rd) / r;
            for (int a = 0; a < 3; ++a) {
                gd[a] += f_dot * v[a] + f * vd[a];
            }
        }
    }
    for (int a = 0; a < 3; ++a) {
        work[4 * dim + a] = gd[a];
    }
}

/*
 * grad_positions[n] = sum of the edge-vector gradients of the edges into n minus those of the
 * edges out of n, walked in CSR order (the graph's target and source groups). Each edge's
 * gradient is the last 3 entries of its scratch record of 2·dim + 3; the second order passes twice
 * the harmonics' dim to read its records of 4·dim + 3.
 */
KERNEL void edge_embedding_atom_gradient(const int atoms, const int dim,
                                         const GLOBAL int *RESTRICT target_order,
                                         const GLOBAL int *RESTRICT target_offsets,
                                         const GLOBAL int *RESTRICT source_order,
                                         const GLOBAL int *RESTRICT source_offsets,
                                         const GLOBAL REAL *RESTRICT scratch,
                                         GLOBAL REAL *RESTRICT grad_positions) {
    const INDEX n = GLOBAL_ID(0);
    if (n >= atoms) {
        return;
    }
    const INDEX stride = 2 * dim + 3;
    REAL g[3] = {(REAL) 0, (REAL) 0, (REAL) 0};
    for (int i = target_offsets[n]; i < target_offsets[n + 1]; ++i) {
        const GLOBAL REAL *ge = scratch + target_order[i] * stride + 2 * dim;
        for (int a = 0; a < 3; ++a) {
            g[a] += ge[a];
        }
    }
    for (int i = source_offsets[n]; i < source_offsets[n + 1]; ++i) {
        const GLOBAL REAL *ge = scratch + source_order[i] * stride + 2 * dim;
        for (int a = 0; a < 3; ++a) {
            g[a] -= ge[a];
        }
    }
    for (int a = 0; a < 3; ++a) {
        grad_positions[3 * (INDEX) n + a] = g[a];
    }
}

#endif /* EQUIKERN_EDGE_EMBEDDING_H */
