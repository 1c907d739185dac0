/*
 * The invariants of SL(2,C) features (org.equikern.ops.lorentzproduct.LorentzInvariantsOp, host
 * LorentzInvariants): per channel the bilinear form B = sum_i sign[i] x[i] x[partner[i]] (complex,
 * no conjugation), and its gradient dx[i] = g conj((sign[i] + sign[partner[i]]) x[partner[i]]) with g
 * the channel's output gradient. Tables per sample component i (partner an involution within the
 * channel): partner[i], sign[i], channel_of[i]; channel c holds components channel_start[c] ..
 * channel_start[c + 1]. Complex buffers are planar: the real plane [n] then the imaginary plane
 * [n], n = batch * dim (x) or batch * channels (the invariants). The double backward reuses both
 * kernels (see the bilinear one and LorentzInvariants.doubleBackward). No atomics.
 */
#ifndef EQUIKERN_LORENTZ_INVARIANTS_H
#define EQUIKERN_LORENTZ_INVARIANTS_H

#include "prelude.h"

/*
 * One item per (sample s, channel c): out (+)= sum_i sign[i] a[i] b[partner[i]], the bilinear form
 * of the pair (a, b). The forward is (x, x); the double backward's gradient on grad_out is
 * (v, x) + (x, v), the derivative of the form at x along v.
 */
KERNEL void lorentz_invariants_bilinear(const int batch, const int channels, const int dim, const int accumulate,
        const GLOBAL int *RESTRICT channel_start, const GLOBAL int *RESTRICT partner,
        const GLOBAL REAL *RESTRICT sign, const GLOBAL REAL *a, const GLOBAL REAL *b, GLOBAL REAL *RESTRICT out) {
    int s, c;
    if (!grid_item(batch, channels, &s, &c)) return;
    const GLOBAL REAL *ar = a + (INDEX) s * dim;
    const GLOBAL REAL *ai = ar + (INDEX) batch * dim;
    const GLOBAL REAL *br = b + (INDEX) s * dim;
    const GLOBAL REAL *bi = br + (INDEX) batch * dim;
    REAL re = (REAL) 0, im = (REAL) 0;
    for (int i = channel_start[c]; i < channel_start[c + 1]; i++) {
        const int j = partner[i];
        re += sign[i] * (ar[i] * br[j] - ai[i] * bi[j]);
        im += sign[i] * (ar[i] * bi[j] + ai[i] * br[j]);
    }
    const INDEX at = (INDEX) s * channels + c;
    const INDEX at_im = (INDEX) batch * channels + at;
    if (accumulate) {
        re += out[at];
        im += out[at_im];
    }
    out[at] = re;
    out[at_im] = im;
}

/* One item per (sample s, component i). */
KERNEL void lorentz_invariants_backward(const int batch, const int channels, const int dim,
        const GLOBAL int *RESTRICT channel_of, const GLOBAL int *RESTRICT partner,
        const GLOBAL REAL *RESTRICT sign, const GLOBAL REAL *RESTRICT x, const GLOBAL REAL *RESTRICT grad_out,
        GLOBAL REAL *RESTRICT grad_x) {
    int s, i;
    if (!grid_item(batch, dim, &s, &i)) return;
    const INDEX nx = (INDEX) batch * dim;
    const INDEX g = (INDEX) s * channels + channel_of[i];
    const REAL gr = grad_out[g], gi = grad_out[(INDEX) batch * channels + g];
    const int j = partner[i];
    const REAL factor = sign[i] + sign[j];
    const INDEX at = (INDEX) s * dim;
    const REAL cr = factor * x[at + j], ci = factor * x[nx + at + j];
    grad_x[at + i] = gr * cr + gi * ci;
    grad_x[nx + at + i] = gi * cr - gr * ci;
}

#endif
