/*
 * LGN's edge features on the device (org.equikern.model.lgn.DeviceZonalEdges, host ZonalEdges): for
 * every pair (i, j) of real particles, Delta = p_i - p_j, the radial values psi(s)^k, k = 0 .. K-1,
 * of s = |Delta|^2 with psi(s) = sgn(s) log1p(|s|) (log1p as the host, so float64 agrees to
 * rounding), times the zonal functions Z^l of Delta, l = 0 .. L: Z^0 = 1, Z^1 = C Delta (C the
 * complex 4x4 map to the canonical components of (1,1)), Z^l = H(Z^(l-1), Z^1) projected to (l,l).
 * H's terms for level l (2 <= l <= L) are term_offsets[l - 2] .. term_offsets[l - 1] of term_index
 * (out * 64 + in1 * 4 + in2, an index into Z^l, Z^(l-1), Z^1) and term_coeff (planar: re [n], im [n]).
 * Inputs: momenta [padded particles][4], pair_i / pair_j the padded particle of each pair. Output
 * planar [2][pairs][dim], dim = K (1 + 4 + ... + (L+1)^2), level l's channel k at
 * K (1 + ... + l^2) + k (l+1)^2. No atomics.
 */
#ifndef EQUIKERN_LGN_EDGES_H
#define EQUIKERN_LGN_EDGES_H

#include "prelude.h"

/* The largest zonal level (ZonalEdges' limit) and its dimension (L + 1)^2. */
#define LGN_EDGES_MAX_LEVEL 4
#define LGN_EDGES_MAX_DIM 25

/* One item per pair. */
KERNEL void lgn_edges(const int pairs, const int levels, const int radial, const int dim,
        const GLOBAL int *RESTRICT pair_i, const GLOBAL int *RESTRICT pair_j,
        const GLOBAL REAL *RESTRICT canonical, const GLOBAL int *RESTRICT term_offsets,
        const GLOBAL int *RESTRICT term_index, const GLOBAL REAL *RESTRICT term_coeff, const int terms,
        const GLOBAL REAL *RESTRICT momenta, GLOBAL REAL *RESTRICT out) {
    const INDEX q = GLOBAL_ID(0);
    if (q >= pairs) return;
    const GLOBAL REAL *p = momenta + (INDEX) pair_i[q] * 4;
    const GLOBAL REAL *r = momenta + (INDEX) pair_j[q] * 4;
    REAL delta[4];
    for (int mu = 0; mu < 4; mu++) delta[mu] = p[mu] - r[mu];
    const REAL s = delta[0] * delta[0] - delta[1] * delta[1] - delta[2] * delta[2] - delta[3] * delta[3];
    const REAL magnitude = log1p(fabs(s));
    const REAL psi = s > (REAL) 0 ? magnitude : (s < (REAL) 0 ? -magnitude : (REAL) 0);
    REAL first_re[4], first_im[4];
    for (int a = 0; a < 4; a++) {
        REAL re = (REAL) 0, im = (REAL) 0;
        for (int mu = 0; mu < 4; mu++) {
            re += canonical[a * 4 + mu] * delta[mu];
            im += canonical[16 + a * 4 + mu] * delta[mu];
        }
        first_re[a] = re;
        first_im[a] = im;
    }
    REAL zonal_re[LGN_EDGES_MAX_DIM], zonal_im[LGN_EDGES_MAX_DIM];
    REAL next_re[LGN_EDGES_MAX_DIM], next_im[LGN_EDGES_MAX_DIM];
    zonal_re[0] = (REAL) 1;
    zonal_im[0] = (REAL) 0;
    const INDEX row = (INDEX) q * dim;
    const INDEX im_plane = (INDEX) pairs * dim;
    int base = 0;
    for (int l = 0; l < levels; l++) {
        const int d = (l + 1) * (l + 1);
        if (l == 1) {
            for (int a = 0; a < 4; a++) {
                zonal_re[a] = first_re[a];
                zonal_im[a] = first_im[a];
            }
        } else if (l > 1) {
            for (int a = 0; a < d; a++) next_re[a] = next_im[a] = (REAL) 0;
            for (int t = term_offsets[l - 2]; t < term_offsets[l - 1]; t++) {
                const int index = term_index[t];
                const int o = index / 64, i1 = (index / 4) % 16, i2 = index % 4;
                const REAL cr = term_coeff[t], ci = term_coeff[terms + t];
                /* c * z1 * z2, complex */
                const REAL ur = zonal_re[i1] * first_re[i2] - zonal_im[i1] * first_im[i2];
                const REAL ui = zonal_re[i1] * first_im[i2] + zonal_im[i1] * first_re[i2];
                next_re[o] += cr * ur - ci * ui;
                next_im[o] += cr * ui + ci * ur;
            }
            for (int a = 0; a < d; a++) {
                zonal_re[a] = next_re[a];
                zonal_im[a] = next_im[a];
            }
        }
        REAL radial_value = (REAL) 1;
        for (int k = 0; k < radial; k++, radial_value *= psi) {
            const INDEX at = row + base + k * d;
            for (int a = 0; a < d; a++) {
                out[at + a] = radial_value * zonal_re[a];
                out[im_plane + at + a] = radial_value * zonal_im[a];
            }
        }
        base += radial * d;
    }
}

#endif
