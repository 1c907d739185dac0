/*
 * The batched, masked Gram matrix of 4-momenta (org.equikern.ops.minkowski.MinkowskiGram):
 * G[b][i][j] = <p_i, p_j> with metric (+,-,-,-) for i, j < n_b, else 0, and its momentum
 * gradient dp_i = sum_j (g_ij + g_ji) eta p_j over real particles. Momenta [batch][particles][4],
 * Gram [batch][particles][particles]. n_b is counts[b] clamped to 0..particles, so a bad count
 * never reads past a jet. One work item per Gram entry, or per momentum component; no atomics.
 */
#ifndef EQUIKERN_MINKOWSKI_GRAM_H
#define EQUIKERN_MINKOWSKI_GRAM_H

#include "prelude.h"

/* counts[b] clamped to 0..particles. */
DEVICE_FN int jet_count(const GLOBAL int *counts, const int b, const int particles) {
    const int n = counts[b];
    return n < 0 ? 0 : (n > particles ? particles : n);
}

/* One item per (b·particles + i, j). */
KERNEL void minkowski_gram_forward(const int batch, const int particles, const GLOBAL int *RESTRICT counts,
                                   const GLOBAL REAL *RESTRICT momenta, GLOBAL REAL *RESTRICT gram) {
    int row, j;
    if (!grid_item(batch * particles, particles, &row, &j)) {
        return;
    }
    const int b = row / particles;
    const int i = row - b * particles;
    const int n = jet_count(counts, b, particles);
    REAL value = (REAL) 0;
    if (i < n && j < n) {
        const GLOBAL REAL *p = momenta + (INDEX) row * 4;
        const GLOBAL REAL *q = momenta + ((INDEX) b * particles + j) * 4;
        value = p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3];
    }
    gram[(INDEX) row * particles + j] = value;
}

/* One item per (b·particles + i, mu): the component mu of particle i's gradient. */
KERNEL void minkowski_gram_backward(const int batch, const int particles, const GLOBAL int *RESTRICT counts,
                                    const GLOBAL REAL *RESTRICT momenta, const GLOBAL REAL *RESTRICT grad_gram,
                                    GLOBAL REAL *RESTRICT grad_momenta) {
    int row, mu;
    if (!grid_item(batch * particles, 4, &row, &mu)) {
        return;
    }
    const int b = row / particles;
    const int i = row - b * particles;
    const int n = jet_count(counts, b, particles);
    const INDEX jet = (INDEX) b * particles;
    REAL sum = (REAL) 0;
    if (i < n) {
        for (int j = 0; j < n; j++) {
            const REAL g = grad_gram[(INDEX) row * particles + j] + grad_gram[(jet + j) * particles + i];
            sum += g * momenta[(jet + j) * 4 + mu];
        }
    }
    grad_momenta[(INDEX) row * 4 + mu] = mu == 0 ? sum : -sum;
}

#endif
