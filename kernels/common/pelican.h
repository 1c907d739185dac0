/*
 * PELICAN's 2->2 aggregation (org.equikern.ops.pelican.PelicanAggregationOp): the 15 linear
 * permutation-equivariant maps of a rank-2 array, per channel, over padded jets.
 * Layouts, channel innermost: in [batch][particles][particles][channels], out appends the op
 * index [..][15], alpha [channels][10] (ops 5..14 carry (n/N_avg)^alpha), counts [batch].
 * Counts are clamped to [0, particles], so a bad count never reads outside the jet.
 * Two passes: pelican_vectors writes each jet's normalized row and column sums (one item per
 * (jet, channel, particle)); pelican_2to2_forward writes one output position (jet, i, j, channel),
 * all 15 ops, reading the trace and the total from the diagonal and the row sums (O(n) per item).
 * The row and column sums and the trace are divided by the divisor once, the total twice.
 */
#include "prelude.h"

#define PELICAN_OPS 15
#define PELICAN_FIRST_SCALED 5

DEVICE_FN int pelican_count(const GLOBAL int *RESTRICT counts, const INDEX b, const int particles) {
    const int n = counts[b];
    return n < 0 ? 0 : n > particles ? particles : n;
}

/* The divisor of one summed index: n for the masked mean, N_avg for the masked sum. */
DEVICE_FN REAL pelican_divisor(const int mean, const int n, const REAL average) {
    return mean ? (REAL) n : average;
}

/*
 * sums[((b * channels + c) * particles + i) * 2 + {0: R_i, 1: C_i}], not yet divided, so the total
 * adds exact partial sums; 0 past n.
 */
KERNEL void pelican_vectors(const int batch, const int particles, const int channels,
        const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT in,
        GLOBAL REAL *RESTRICT sums) {
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) batch * channels * particles) return;
    const int i = (int) (id % particles);
    const int c = (int) ((id / particles) % channels);
    const INDEX b = id / ((INDEX) particles * channels);
    const int n = pelican_count(counts, b, particles);
    REAL row = (REAL) 0, column = (REAL) 0;
    if (i < n) {
        const INDEX jet = b * particles * particles;
        for (int k = 0; k < n; k++) {
            row += in[((jet + (INDEX) i * particles + k) * channels) + c];
            column += in[((jet + (INDEX) k * particles + i) * channels) + c];
        }
    }
    sums[id * 2] = row;
    sums[id * 2 + 1] = column;
}

KERNEL void pelican_2to2_forward(const int batch, const int particles, const int channels, const int mean,
        const REAL average, const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT in,
        const GLOBAL REAL *RESTRICT sums, const GLOBAL REAL *RESTRICT alpha, GLOBAL REAL *RESTRICT out) {
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) batch * particles * particles * channels) return;
    const int c = (int) (id % channels);
    const int j = (int) ((id / channels) % particles);
    const int i = (int) ((id / ((INDEX) channels * particles)) % particles);
    const INDEX b = id / ((INDEX) channels * particles * particles);
    const int n = pelican_count(counts, b, particles);
    GLOBAL REAL *o = out + id * PELICAN_OPS;
    for (int k = 0; k < PELICAN_OPS; k++) o[k] = (REAL) 0;
    if (i >= n || j >= n) return;
    const INDEX jet = b * particles * particles;
    const INDEX vec = (b * channels + c) * particles;
    REAL trace = (REAL) 0, total = (REAL) 0;
    for (int k = 0; k < n; k++) {
        trace += in[(jet + (INDEX) k * particles + k) * channels + c];
        total += sums[(vec + k) * 2];
    }
    const REAL divisor = pelican_divisor(mean, n, average);
    trace /= divisor;
    total /= divisor * divisor;
    const REAL di = in[(jet + (INDEX) i * particles + i) * channels + c];
    const REAL dj = in[(jet + (INDEX) j * particles + j) * channels + c];
    const REAL ri = sums[(vec + i) * 2] / divisor, rj = sums[(vec + j) * 2] / divisor;
    const REAL ci = sums[(vec + i) * 2 + 1] / divisor, cj = sums[(vec + j) * 2 + 1] / divisor;
    const REAL diagonal = i == j ? (REAL) 1 : (REAL) 0;
    REAL v[PELICAN_OPS];
    v[0] = in[(jet + (INDEX) i * particles + j) * channels + c];
    v[1] = in[(jet + (INDEX) j * particles + i) * channels + c];
    v[2] = diagonal * di;
    v[3] = dj;
    v[4] = di;
    v[5] = diagonal * ci;
    v[6] = cj;
    v[7] = ci;
    v[8] = diagonal * ri;
    v[9] = rj;
    v[10] = ri;
    v[11] = trace;
    v[12] = diagonal * trace;
    v[13] = total;
    v[14] = diagonal * total;
    const REAL ratio = (REAL) n / average;
    for (int k = 0; k < PELICAN_OPS; k++) {
        o[k] = k < PELICAN_FIRST_SCALED ? v[k]
                : pow(ratio, alpha[c * (PELICAN_OPS - PELICAN_FIRST_SCALED) + k - PELICAN_FIRST_SCALED]) * v[k];
    }
}
