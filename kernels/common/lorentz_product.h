/*
 * The complex Clebsch-Gordan product of SL(2,C) features (org.equikern.ops.lorentzproduct.LorentzProductOp,
 * host LorentzProduct), forward and backward, as gathers over term lists (LorentzProductTables):
 * every non-zero term of the product is c * x1[a] * x2[b] * w[k] into out[o] (CG coefficient c,
 * channels and paths already unrolled). One list per gathered key, in CSR form: offsets[key] ..
 * offsets[key + 1] index LP_TERM_STRIDE ints (i1, i2, i3) and one real coefficient per term.
 *   forward,  key o: (a, b, k)   out[o]  = sum c x1[a] x2[b] w[k]
 *   gradX1,   key a: (o, b, k)   gx1[a]  = sum c g[o] conj(x2[b]) conj(w[k])
 *   gradX2,   key b: (o, a, k)   gx2[b]  = sum c g[o] conj(x1[a]) conj(w[k])
 *   gradW,    key k: (o, a, b)   gw[k]   = sum over samples and terms c g[o] conj(x1[a]) conj(x2[b])
 * The product is trilinear, so its double backward is a sum of these with one argument swapped.
 * Complex buffers are planar: the real plane [n] then the imaginary plane [n], n = batch * dim
 * (the weights: n = weight count, shared by the batch). With accumulate set, a kernel adds to its
 * target instead of overwriting it (the double backward sums several such terms). No atomics.
 */
#ifndef EQUIKERN_LORENTZ_PRODUCT_H
#define EQUIKERN_LORENTZ_PRODUCT_H

#include "prelude.h"

#define LP_TERM_STRIDE 3

/* (ar + i ai)(br + i bi), b conjugated when conj_b. */
DEVICE_FN void lp_multiply(const REAL ar, const REAL ai, const REAL br, const REAL bi, const int conj_b, REAL *re,
        REAL *im) {
    const REAL sb = conj_b ? -bi : bi;
    *re = ar * br - ai * sb;
    *im = ar * sb + ai * br;
}

/*
 * One item per (sample s, key): target[s][key] = sum c f1[s][i1] f2[s][i2] f3[i3], f2 and f3
 * conjugated when conj. f1 and f2 have dim1 and dim2 entries per sample, f3 n3 entries in all.
 */
KERNEL void lorentz_product_gather(const int batch, const int keys, const int dim1, const int dim2, const int n3,
        const int conj, const int accumulate, const GLOBAL int *RESTRICT offsets, const GLOBAL int *RESTRICT terms,
        const GLOBAL REAL *RESTRICT coefficients, const GLOBAL REAL *RESTRICT f1, const GLOBAL REAL *RESTRICT f2,
        const GLOBAL REAL *RESTRICT f3, GLOBAL REAL *RESTRICT target) {
    int s, key;
    if (!grid_item(batch, keys, &s, &key)) return;
    const INDEX n1 = (INDEX) batch * dim1, n2 = (INDEX) batch * dim2, nt = (INDEX) batch * keys;
    const GLOBAL REAL *a = f1 + (INDEX) s * dim1;
    const GLOBAL REAL *b = f2 + (INDEX) s * dim2;
    REAL re = (REAL) 0, im = (REAL) 0;
    for (int t = offsets[key]; t < offsets[key + 1]; t++) {
        const GLOBAL int *term = terms + (INDEX) t * LP_TERM_STRIDE;
        REAL pr, pi, qr, qi;
        lp_multiply(a[term[0]], a[n1 + term[0]], b[term[1]], b[n2 + term[1]], conj, &pr, &pi);
        lp_multiply(pr, pi, f3[term[2]], f3[n3 + term[2]], conj, &qr, &qi);
        re += coefficients[t] * qr;
        im += coefficients[t] * qi;
    }
    GLOBAL REAL *out = target + (INDEX) s * keys + key;
    out[0] = accumulate ? out[0] + re : re;
    out[nt] = accumulate ? out[nt] + im : im;
}

/* One item per weight k: gw[k] = sum over samples and terms c g[s][o] conj(x1[s][a]) conj(x2[s][b]). */
KERNEL void lorentz_product_grad_weights(const int batch, const int weights, const int dim_out, const int dim1,
        const int dim2, const int accumulate, const GLOBAL int *RESTRICT offsets, const GLOBAL int *RESTRICT terms,
        const GLOBAL REAL *RESTRICT coefficients, const GLOBAL REAL *RESTRICT grad_out,
        const GLOBAL REAL *RESTRICT x1, const GLOBAL REAL *RESTRICT x2, GLOBAL REAL *RESTRICT grad_weights) {
    const INDEX k = GLOBAL_ID(0);
    if (k >= weights) return;
    const INDEX ng = (INDEX) batch * dim_out, n1 = (INDEX) batch * dim1, n2 = (INDEX) batch * dim2;
    REAL re = (REAL) 0, im = (REAL) 0;
    for (int s = 0; s < batch; s++) {
        const GLOBAL REAL *g = grad_out + (INDEX) s * dim_out;
        const GLOBAL REAL *a = x1 + (INDEX) s * dim1;
        const GLOBAL REAL *b = x2 + (INDEX) s * dim2;
        for (int t = offsets[k]; t < offsets[k + 1]; t++) {
            const GLOBAL int *term = terms + (INDEX) t * LP_TERM_STRIDE;
            REAL pr, pi, qr, qi;
            lp_multiply(g[term[0]], g[ng + term[0]], a[term[1]], a[n1 + term[1]], 1, &pr, &pi);
            lp_multiply(pr, pi, b[term[2]], b[n2 + term[2]], 1, &qr, &qi);
            re += coefficients[t] * qr;
            im += coefficients[t] * qi;
        }
    }
    grad_weights[k] = accumulate ? grad_weights[k] + re : re;
    grad_weights[weights + k] = accumulate ? grad_weights[weights + k] + im : im;
}

#endif
