/*
 * LorentzNet's LGEB primitives (org.equikern.ops.lorentznet.LgebOp, host LgebPrimitives) over
 * padded jets whose edges are the ordered pairs i != j of real particles:
 *   edge features  norms_ij = psi(|x_i - x_j|^2), dots_ij = psi(<x_i, x_j>), psi(a) = sgn(a) log(|a| + 1);
 *   position update out_i = x_i + c / max(1, n - 1) * sum_{j != i} phi_ij (x_i - x_j);
 *   message sum    sums_ih = sum_{j != i} m_ijh;
 * and their backward passes. Metric (+,-,-,-). Layouts: x [batch][particles][4], edge arrays
 * [batch][particles][particles], messages [batch][particles][particles][hidden], sums
 * [batch][particles][hidden]. n_b is counts[b] clamped to 0..particles; padded entries and the
 * diagonal i = j read back 0. Every kernel gathers over one particle's edges: no atomics.
 */
#ifndef EQUIKERN_LGEB_H
#define EQUIKERN_LGEB_H

#include "prelude.h"

DEVICE_FN int lgeb_count(const GLOBAL int *counts, const int b, const int particles) {
    const int n = counts[b];
    return n < 0 ? 0 : (n > particles ? particles : n);
}

DEVICE_FN REAL lgeb_metric(const int mu) {
    return mu == 0 ? (REAL) 1 : (REAL) -1;
}

DEVICE_FN REAL lgeb_psi(const REAL a) {
    const REAL magnitude = log((REAL) 1 + fabs(a));
    return a > (REAL) 0 ? magnitude : (a < (REAL) 0 ? -magnitude : (REAL) 0);
}

DEVICE_FN REAL lgeb_psi_derivative(const REAL a) {
    return (REAL) 1 / (fabs(a) + (REAL) 1);
}

/* |p - q|^2 and <p, q> of two 4-vectors. */
DEVICE_FN void lgeb_invariants(const GLOBAL REAL *p, const GLOBAL REAL *q, REAL *norm, REAL *dot) {
    REAL n = (REAL) 0, d = (REAL) 0;
    for (int mu = 0; mu < 4; mu++) {
        const REAL diff = p[mu] - q[mu];
        n += lgeb_metric(mu) * diff * diff;
        d += lgeb_metric(mu) * p[mu] * q[mu];
    }
    *norm = n;
    *dot = d;
}

/* The mean's factor c / max(1, n - 1). */
DEVICE_FN REAL lgeb_mean_scale(const REAL c, const int n) {
    return c / (REAL) (n > 1 ? n - 1 : 1);
}

/* Row b * particles + i of a padded jet: the particle i, its jet's real count n and first row. */
DEVICE_FN void lgeb_particle(const int row, const int particles, const GLOBAL int *counts, int *i, int *n,
                             INDEX *jet) {
    const int b = row / particles;
    *i = row - b * particles;
    *n = lgeb_count(counts, b, particles);
    *jet = (INDEX) b * particles;
}

/* One item per edge (b * particles + i, j). */
KERNEL void lgeb_edge_features(const int batch, const int particles, const GLOBAL int *RESTRICT counts,
                               const GLOBAL REAL *RESTRICT x, GLOBAL REAL *RESTRICT norms,
                               GLOBAL REAL *RESTRICT dots) {
    int row, j;
    if (!grid_item(batch * particles, particles, &row, &j)) return;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    REAL norm = (REAL) 0, dot = (REAL) 0;
    if (i < n && j < n && i != j) {
        lgeb_invariants(x + (INDEX) row * 4, x + (jet + j) * 4, &norm, &dot);
        norm = lgeb_psi(norm);
        dot = lgeb_psi(dot);
    }
    norms[(INDEX) row * particles + j] = norm;
    dots[(INDEX) row * particles + j] = dot;
}

/*
 * One item per (b * particles + i, mu): the gradient of sum norms * grad_norms + dots * grad_dots,
 * eta_mu sum_{j != i} [2 (gn_ij + gn_ji)(x_i - x_j) + (gd_ij + gd_ji) x_j]_mu with gn = grad_norms * psi'(norm),
 * gd = grad_dots * psi'(dot) (both invariants are symmetric in i, j).
 */
KERNEL void lgeb_edge_features_backward(const int batch, const int particles, const GLOBAL int *RESTRICT counts,
                                        const GLOBAL REAL *RESTRICT x, const GLOBAL REAL *RESTRICT grad_norms,
                                        const GLOBAL REAL *RESTRICT grad_dots, GLOBAL REAL *RESTRICT grad_x) {
    int row, mu;
    if (!grid_item(batch * particles, 4, &row, &mu)) return;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    const GLOBAL REAL *xi = x + (INDEX) row * 4;
    REAL sum = (REAL) 0;
    if (i < n) {
        for (int j = 0; j < n; j++) {
            if (j == i) continue;
            const GLOBAL REAL *xj = x + (jet + j) * 4;
            REAL norm, dot;
            lgeb_invariants(xi, xj, &norm, &dot);
            const INDEX ij = (INDEX) row * particles + j, ji = (jet + j) * particles + i;
            const REAL gn = (grad_norms[ij] + grad_norms[ji]) * lgeb_psi_derivative(norm);
            const REAL gd = (grad_dots[ij] + grad_dots[ji]) * lgeb_psi_derivative(dot);
            sum += (REAL) 2 * gn * (xi[mu] - xj[mu]) + gd * xj[mu];
        }
    }
    grad_x[(INDEX) row * 4 + mu] = lgeb_metric(mu) * sum;
}

/* One item per (b * particles + i, mu). */
KERNEL void lgeb_position_update(const int batch, const int particles, const REAL c,
                                 const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT x,
                                 const GLOBAL REAL *RESTRICT phi, GLOBAL REAL *RESTRICT out) {
    int row, mu;
    if (!grid_item(batch * particles, 4, &row, &mu)) return;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    REAL value = (REAL) 0;
    if (i < n) {
        const REAL xi = x[(INDEX) row * 4 + mu];
        REAL sum = (REAL) 0;
        for (int j = 0; j < n; j++) {
            if (j != i) sum += phi[(INDEX) row * particles + j] * (xi - x[(jet + j) * 4 + mu]);
        }
        value = xi + lgeb_mean_scale(c, n) * sum;
    }
    out[(INDEX) row * 4 + mu] = value;
}

/*
 * One item per (b * particles + i, mu): the gradient with respect to x of sum out * grad_out,
 * g_i + s (sum_{j != i} phi_ij) g_i - s sum_{j != i} phi_ji g_j, s = c / max(1, n - 1).
 */
KERNEL void lgeb_position_update_backward_x(const int batch, const int particles, const REAL c,
                                            const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT phi,
                                            const GLOBAL REAL *RESTRICT grad_out, GLOBAL REAL *RESTRICT grad_x) {
    int row, mu;
    if (!grid_item(batch * particles, 4, &row, &mu)) return;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    REAL value = (REAL) 0;
    if (i < n) {
        const REAL gi = grad_out[(INDEX) row * 4 + mu];
        REAL sum = (REAL) 0;
        for (int j = 0; j < n; j++) {
            if (j != i) {
                sum += phi[(INDEX) row * particles + j] * gi - phi[(jet + j) * particles + i] * grad_out[(jet + j) * 4 + mu];
            }
        }
        value = gi + lgeb_mean_scale(c, n) * sum;
    }
    grad_x[(INDEX) row * 4 + mu] = value;
}

/* One item per edge (b * particles + i, j): d/dphi_ij = s <grad_out_i, x_i - x_j> (Euclidean). */
KERNEL void lgeb_position_update_backward_phi(const int batch, const int particles, const REAL c,
                                              const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT x,
                                              const GLOBAL REAL *RESTRICT grad_out,
                                              GLOBAL REAL *RESTRICT grad_phi) {
    int row, j;
    if (!grid_item(batch * particles, particles, &row, &j)) return;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    REAL value = (REAL) 0;
    if (i < n && j < n && i != j) {
        const GLOBAL REAL *xi = x + (INDEX) row * 4;
        const GLOBAL REAL *xj = x + (jet + j) * 4;
        const GLOBAL REAL *g = grad_out + (INDEX) row * 4;
        for (int mu = 0; mu < 4; mu++) value += g[mu] * (xi[mu] - xj[mu]);
        value *= lgeb_mean_scale(c, n);
    }
    grad_phi[(INDEX) row * particles + j] = value;
}

/* One item per (b * particles + i, h). */
KERNEL void lgeb_message_sum(const int batch, const int particles, const int hidden,
                             const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT m,
                             GLOBAL REAL *RESTRICT sums) {
    int row, h;
    if (!grid_item(batch * particles, hidden, &row, &h)) return;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    REAL sum = (REAL) 0;
    if (i < n) {
        for (int j = 0; j < n; j++) {
            if (j != i) sum += m[((INDEX) row * particles + j) * hidden + h];
        }
    }
    sums[(INDEX) row * hidden + h] = sum;
}

/* One item per (edge (b * particles + i) * particles + j, h): grad_sums_ih on real edges, else 0. */
KERNEL void lgeb_message_sum_backward(const int batch, const int particles, const int hidden,
                                      const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT grad_sums,
                                      GLOBAL REAL *RESTRICT grad_m) {
    int edge, h;
    if (!grid_item(batch * particles * particles, hidden, &edge, &h)) return;
    const int row = edge / particles;
    const int j = edge - row * particles;
    int i, n;
    INDEX jet;
    lgeb_particle(row, particles, counts, &i, &n, &jet);
    grad_m[(INDEX) edge * hidden + h] = i < n && j < n && i != j ? grad_sums[(INDEX) row * hidden + h] : (REAL) 0;
}

#endif
