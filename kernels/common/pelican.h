/*
 * PELICAN's permutation-equivariant aggregation maps (org.equikern.ops.pelican.PelicanAggregationOp):
 * 1->2, 2->2, 2->1 and 2->0, forward and backward, per channel, over padded jets, with the masked
 * mean or sum and the learnable (n/N_avg)^alpha factor.
 *
 * Layouts, channel innermost: a rank-2 array is [batch][particles][particles][channels], a rank-1
 * one [batch][particles][channels], a rank-0 one [batch][channels]; the output appends the op
 * index, [batch][positions][channels][ops]; alpha is [channels][scaled ops]; counts [batch].
 * Counts are clamped to [0, particles], so a bad count never reads outside the jet; outputs at
 * padded positions, and whole jets of 0 particles, are 0.
 *
 * The map is a table (PelicanTables): PM_HEADER ints (in rank, out rank, ops, first scaled op),
 * then per op PM_OP_STRIDE ints (what it reads, PS_*; where it puts it, PP_*), the ordinals of
 * the Java enums Source and Place.
 *
 * Scratch, written and read within one call, per (jet, channel) "line" b * channels + c:
 *   vectors [line][particles][PV_STRIDE]: forward, the raw row and column sums and the diagonal;
 *     backward, the adjoints of the normalized vectors (row, column, diagonal, value).
 *   scalars [line][PSC_STRIDE + scaled]: the raw trace, total and value sum, then (n/N_avg)^alpha
 *     of each scaled op (one pow per (jet, channel, op), not per output position).
 *   partials [line][particles][PJ_STRIDE + scaled]: backward, per output row k, the adjoints of
 *     the three normalized scalars and each scaled op's sum of gradOut * value.
 *   jets [line][PJ_STRIDE + scaled]: those partials summed over rows (alpha's times ln(n/N_avg)).
 * Every kernel gathers; none needs atomics. Sums are divided by the divisor (n for the mean, N_avg
 * for the sum) once per summed index.
 */
#ifndef EQUIKERN_PELICAN_H
#define EQUIKERN_PELICAN_H

#include "prelude.h"

#define PM_HEADER 4
#define PM_OP_STRIDE 2

/* Sources (Source.ordinal()) */
#define PS_ENTRY 0
#define PS_TRANSPOSE 1
#define PS_DIAGONAL 2
#define PS_COLUMN_SUMS 3
#define PS_ROW_SUMS 4
#define PS_TRACE 5
#define PS_TOTAL 6
#define PS_VALUE 7
#define PS_VALUE_SUM 8

/* Places (Place.ordinal()) */
#define PP_MATRIX 0
#define PP_DIAGONAL 1
#define PP_ROW 2
#define PP_COLUMN 3
#define PP_ALL 4

/* Slots of a vector record and of a scalar record. */
#define PV_ROW 0
#define PV_COLUMN 1
#define PV_DIAGONAL 2
#define PV_VALUE 3
#define PV_STRIDE 4
#define PSC_STRIDE 3
#define PJ_STRIDE 3

/* What one call shares: shape, normalization and the map table. */
typedef struct {
    int particles, channels, in_rank, out_rank, ops, first_scaled, scaled;
    REAL average;
    int mean;
} pelican_shape;

DEVICE_FN pelican_shape pelican_shape_of(const int particles, const int channels, const int mean,
        const REAL average, const GLOBAL int *RESTRICT map) {
    pelican_shape s;
    s.particles = particles;
    s.channels = channels;
    s.in_rank = map[0];
    s.out_rank = map[1];
    s.ops = map[2];
    s.first_scaled = map[3];
    s.scaled = map[2] - map[3];
    s.average = average;
    s.mean = mean;
    return s;
}

DEVICE_FN int pelican_count(const GLOBAL int *RESTRICT counts, const INDEX b, const int particles) {
    const int n = counts[b];
    return n < 0 ? 0 : n > particles ? particles : n;
}

/* Particle positions of an array of this rank: 1, particles or particles^2. */
DEVICE_FN INDEX pelican_positions(const int rank, const int particles) {
    return rank == 2 ? (INDEX) particles * particles : rank == 1 ? (INDEX) particles : (INDEX) 1;
}

/* The divisor of one summed index: n for the masked mean, N_avg for the masked sum. */
DEVICE_FN REAL pelican_divisor(const pelican_shape *s, const int n) {
    return s->mean ? (REAL) n : s->average;
}


/* The slot of a vector source in a vector record, or -1. */
DEVICE_FN int pelican_vector_slot(const int source) {
    switch (source) {
        case PS_ROW_SUMS: return PV_ROW;
        case PS_COLUMN_SUMS: return PV_COLUMN;
        case PS_DIAGONAL: return PV_DIAGONAL;
        case PS_VALUE: return PV_VALUE;
        default: return -1;
    }
}

/* The slot of a scalar source in a scalar record (trace, total, value sum), or -1. */
DEVICE_FN int pelican_scalar_slot(const int source) {
    return source == PS_TRACE ? 0 : source == PS_TOTAL ? 1 : source == PS_VALUE_SUM ? 2 : -1;
}

/* Whether out position (i, j) of a jet of n particles receives the op's value. */
DEVICE_FN int pelican_covers(const pelican_shape *s, const int place, const int i, const int j, const int n) {
    if (n == 0 || i >= n || (s->out_rank == 2 && j >= n)) return 0;
    return place != PP_DIAGONAL || i == j;
}

/* Where one (jet, channel) lives in the input and the scratch. */
typedef struct {
    const GLOBAL REAL *in;        /* the jet's input, channel c at stride channels */
    const GLOBAL REAL *vectors;   /* [particles][PV_STRIDE] raw sums and diagonal */
    const GLOBAL REAL *scalars;   /* [PSC_STRIDE + scaled] raw trace, total, value sum; scales */
    int c, n;
    REAL divisor;
} pelican_jet;

DEVICE_FN pelican_jet pelican_jet_of(const pelican_shape *s, const GLOBAL REAL *RESTRICT in,
        const GLOBAL REAL *RESTRICT vectors, const GLOBAL REAL *RESTRICT scalars, const INDEX b, const int c,
        const int n) {
    const INDEX line = b * s->channels + c;
    pelican_jet jet;
    jet.in = in + b * pelican_positions(s->in_rank, s->particles) * s->channels;
    jet.vectors = vectors + line * s->particles * PV_STRIDE;
    jet.scalars = scalars + line * (PSC_STRIDE + s->scaled);
    jet.c = c;
    jet.n = n;
    jet.divisor = pelican_divisor(s, n);
    return jet;
}

/* (n/N_avg)^alpha for a scaled op (from the scalar record), 1 for the others. */
DEVICE_FN REAL pelican_scale(const pelican_shape *s, const pelican_jet *jet, const int op) {
    return op < s->first_scaled ? (REAL) 1 : jet->scalars[PSC_STRIDE + op - s->first_scaled];
}

/* The value an op with this source and place reads at out position (i, j) (the host's JetChannel.read). */
DEVICE_FN REAL pelican_read(const pelican_shape *s, const pelican_jet *jet, const int source, const int place,
        const int i, const int j) {
    const int k = place == PP_COLUMN ? j : i;
    const int p = s->particles;
    const REAL d = jet->divisor;
    switch (source) {
        case PS_ENTRY: return jet->in[((INDEX) i * p + j) * s->channels + jet->c];
        case PS_TRANSPOSE: return jet->in[((INDEX) j * p + i) * s->channels + jet->c];
        case PS_DIAGONAL: return jet->vectors[k * PV_STRIDE + PV_DIAGONAL];
        case PS_COLUMN_SUMS: return jet->vectors[k * PV_STRIDE + PV_COLUMN] / d;
        case PS_ROW_SUMS: return jet->vectors[k * PV_STRIDE + PV_ROW] / d;
        case PS_TRACE: return jet->scalars[0] / d;
        case PS_TOTAL: return jet->scalars[1] / (d * d);
        case PS_VALUE: return jet->in[(INDEX) k * s->channels + jet->c];
        default: return jet->scalars[2] / d;
    }
}

/* The out position (i, j) of position index pos: (pos / p, pos % p), (pos, 0) or (0, 0). */
DEVICE_FN void pelican_ij(const pelican_shape *s, const INDEX pos, int *i, int *j) {
    *i = s->out_rank == 2 ? (int) (pos / s->particles) : (int) pos;
    *j = s->out_rank == 2 ? (int) (pos % s->particles) : 0;
}

/* The out position index of (i, j). */
DEVICE_FN INDEX pelican_out_pos(const pelican_shape *s, const int i, const int j) {
    return s->out_rank == 2 ? (INDEX) i * s->particles + j : (INDEX) i;
}

/* Forward pass 1, one item per (jet, channel, particle k) of a rank-2 input: raw R_k, C_k and T_kk. */
KERNEL void pelican_vectors(const int batch, const int particles, const int channels,
        const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT in, GLOBAL REAL *RESTRICT vectors) {
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) batch * channels * particles) return;
    const int k = (int) (id % particles);
    const int c = (int) ((id / particles) % channels);
    const INDEX b = id / ((INDEX) particles * channels);
    const int n = pelican_count(counts, b, particles);
    const GLOBAL REAL *t = in + b * particles * particles * channels;
    REAL row = (REAL) 0, column = (REAL) 0, diagonal = (REAL) 0;
    if (k < n) {
        for (int m = 0; m < n; m++) {
            row += t[((INDEX) k * particles + m) * channels + c];
            column += t[((INDEX) m * particles + k) * channels + c];
        }
        diagonal = t[((INDEX) k * particles + k) * channels + c];
    }
    GLOBAL REAL *v = vectors + id * PV_STRIDE;
    v[PV_ROW] = row;
    v[PV_COLUMN] = column;
    v[PV_DIAGONAL] = diagonal;
    v[PV_VALUE] = (REAL) 0;
}

/*
 * Forward pass 2, one item per (jet, channel): the raw trace and total of a rank-2 input (from
 * pass 1), or the value sum of a rank-1 input; and each scaled op's (n/N_avg)^alpha.
 */
KERNEL void pelican_scalars(const int batch, const int particles, const int channels, const int mean,
        const REAL average, const GLOBAL int *RESTRICT map, const GLOBAL int *RESTRICT counts,
        const GLOBAL REAL *RESTRICT in, const GLOBAL REAL *RESTRICT vectors, const GLOBAL REAL *RESTRICT alpha,
        GLOBAL REAL *RESTRICT scalars) {
    const pelican_shape s = pelican_shape_of(particles, channels, mean, average, map);
    const int in_rank = s.in_rank;
    const INDEX line = GLOBAL_ID(0);
    if (line >= (INDEX) batch * channels) return;
    const int c = (int) (line % channels);
    const INDEX b = line / channels;
    const int n = pelican_count(counts, b, particles);
    REAL trace = (REAL) 0, total = (REAL) 0, value_sum = (REAL) 0;
    for (int k = 0; k < n; k++) {
        if (in_rank == 2) {
            trace += vectors[(line * particles + k) * PV_STRIDE + PV_DIAGONAL];
            total += vectors[(line * particles + k) * PV_STRIDE + PV_ROW];
        } else {
            value_sum += in[(b * particles + k) * channels + c];
        }
    }
    GLOBAL REAL *record = scalars + line * (PSC_STRIDE + s.scaled);
    record[0] = trace;
    record[1] = total;
    record[2] = value_sum;
    /* An empty jet puts nothing anywhere; 1 keeps 0^alpha (inf for alpha < 0) out of the scratch. */
    const REAL ratio = (REAL) n / average;
    for (int o = 0; o < s.scaled; o++) record[PSC_STRIDE + o] = n == 0 ? (REAL) 1 : pow(ratio, alpha[c * s.scaled + o]);
}

/* Forward pass 3, one item per (jet, out position, channel): every op of the map. */
KERNEL void pelican_forward(const int batch, const int particles, const int channels, const int mean,
        const REAL average, const GLOBAL int *RESTRICT map, const GLOBAL int *RESTRICT counts,
        const GLOBAL REAL *RESTRICT in, const GLOBAL REAL *RESTRICT vectors, const GLOBAL REAL *RESTRICT scalars,
        GLOBAL REAL *RESTRICT out) {
    const pelican_shape s = pelican_shape_of(particles, channels, mean, average, map);
    const INDEX positions = pelican_positions(s.out_rank, particles);
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) batch * positions * channels) return;
    const int c = (int) (id % channels);
    const INDEX b = id / (positions * channels);
    int i, j;
    pelican_ij(&s, (id / channels) % positions, &i, &j);
    const int n = pelican_count(counts, b, particles);
    const pelican_jet jet = pelican_jet_of(&s, in, vectors, scalars, b, c, n);
    GLOBAL REAL *o = out + id * s.ops;
    for (int op = 0; op < s.ops; op++) {
        const int source = map[PM_HEADER + op * PM_OP_STRIDE], place = map[PM_HEADER + op * PM_OP_STRIDE + 1];
        o[op] = pelican_covers(&s, place, i, j, n)
                ? pelican_scale(&s, &jet, op) * pelican_read(&s, &jet, source, place, i, j)
                : (REAL) 0;
    }
}

/* gradOut of op at out position (i, j) of the jet's channel, 0 where the op puts nothing. */
DEVICE_FN REAL pelican_grad(const pelican_shape *s, const GLOBAL REAL *RESTRICT grad_out, const INDEX b,
        const int c, const int op, const int place, const int i, const int j, const int n) {
    if (!pelican_covers(s, place, i, j, n)) return (REAL) 0;
    const INDEX pos = b * pelican_positions(s->out_rank, s->particles) + pelican_out_pos(s, i, j);
    return grad_out[(pos * s->channels + c) * s->ops + op];
}

/*
 * Backward pass 1 (after forward passes 1 and 2), one item per (jet, channel, particle k): the
 * adjoints of the normalized vectors at index k (gathered along row k, or column k for a COLUMN
 * op), and this row's partials of the scalar adjoints and of each scaled op's Σ gradOut · value.
 * Out row k is (k, *) for a rank-2 output, (k) for rank 1, and the one position for rank 0 (k = 0).
 */
KERNEL void pelican_adjoint_rows(const int batch, const int particles, const int channels, const int mean,
        const REAL average, const GLOBAL int *RESTRICT map, const GLOBAL int *RESTRICT counts,
        const GLOBAL REAL *RESTRICT in, const GLOBAL REAL *RESTRICT vectors, const GLOBAL REAL *RESTRICT scalars,
        const GLOBAL REAL *RESTRICT grad_out, GLOBAL REAL *RESTRICT vector_adjoints,
        GLOBAL REAL *RESTRICT partials) {
    const pelican_shape s = pelican_shape_of(particles, channels, mean, average, map);
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) batch * channels * particles) return;
    const int k = (int) (id % particles);
    const INDEX line = id / particles;
    const int c = (int) (line % channels);
    const INDEX b = line / channels;
    const int n = pelican_count(counts, b, particles);
    const pelican_jet jet = pelican_jet_of(&s, in, vectors, scalars, b, c, n);
    const int row_length = s.out_rank == 2 ? n : (s.out_rank == 1 || k == 0) ? 1 : 0;
    GLOBAL REAL *adjoint = vector_adjoints + id * PV_STRIDE;
    GLOBAL REAL *partial = partials + id * (PJ_STRIDE + s.scaled);
    for (int slot = 0; slot < PV_STRIDE; slot++) adjoint[slot] = (REAL) 0;
    for (int slot = 0; slot < PJ_STRIDE + s.scaled; slot++) partial[slot] = (REAL) 0;
    for (int op = 0; op < s.ops; op++) {
        const int source = map[PM_HEADER + op * PM_OP_STRIDE], place = map[PM_HEADER + op * PM_OP_STRIDE + 1];
        REAL row_sum = (REAL) 0, column_sum = (REAL) 0, row_dot = (REAL) 0;
        for (int t = 0; t < row_length; t++) {
            if (place == PP_COLUMN) column_sum += pelican_grad(&s, grad_out, b, c, op, place, t, k, n);
            if (!pelican_covers(&s, place, k, t, n)) continue;
            const REAL g = pelican_grad(&s, grad_out, b, c, op, place, k, t, n);
            row_sum += g;
            if (op >= s.first_scaled) row_dot += g * pelican_read(&s, &jet, source, place, k, t);
        }
        const REAL scale = pelican_scale(&s, &jet, op);
        const int vector_slot = pelican_vector_slot(source), scalar_slot = pelican_scalar_slot(source);
        if (vector_slot >= 0) adjoint[vector_slot] += scale * (place == PP_COLUMN ? column_sum : row_sum);
        if (scalar_slot >= 0) partial[scalar_slot] += scale * row_sum;
        if (op >= s.first_scaled) partial[PJ_STRIDE + op - s.first_scaled] = scale * row_dot;
    }
}

/* Backward pass 2, one item per (jet, channel): the row partials summed; alpha's times ln(n/N_avg). */
KERNEL void pelican_adjoint_jets(const int batch, const int particles, const int channels, const int scaled,
        const REAL average, const GLOBAL int *RESTRICT counts, const GLOBAL REAL *RESTRICT partials,
        GLOBAL REAL *RESTRICT jets) {
    const INDEX line = GLOBAL_ID(0);
    if (line >= (INDEX) batch * channels) return;
    const int n = pelican_count(counts, line / channels, particles);
    const int stride = PJ_STRIDE + scaled;
    const REAL log_ratio = n == 0 ? (REAL) 0 : log((REAL) n / average);
    for (int slot = 0; slot < stride; slot++) {
        REAL sum = (REAL) 0;
        for (int k = 0; k < n; k++) sum += partials[(line * particles + k) * stride + slot];
        jets[line * stride + slot] = slot < PJ_STRIDE ? sum : log_ratio * sum;
    }
}

/* Backward pass 3, one item per (channel, scaled op): alpha's gradient, summed over the batch. */
KERNEL void pelican_grad_alpha(const int batch, const int channels, const int scaled,
        const GLOBAL REAL *RESTRICT jets, GLOBAL REAL *RESTRICT grad_alpha) {
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) channels * scaled) return;
    const int c = (int) (id / scaled);
    const int o = (int) (id % scaled);
    const int stride = PJ_STRIDE + scaled;
    REAL sum = (REAL) 0;
    for (INDEX b = 0; b < batch; b++) sum += jets[(b * channels + c) * stride + PJ_STRIDE + o];
    grad_alpha[id] = sum;
}

/*
 * Backward pass 4, one item per input entry (jet, position, channel): the direct adjoint of T_ij
 * (ENTRY and TRANSPOSE ops) plus the vector and scalar adjoints chained through their sums.
 */
KERNEL void pelican_grad_in(const int batch, const int particles, const int channels, const int mean,
        const REAL average, const GLOBAL int *RESTRICT map, const GLOBAL int *RESTRICT counts,
        const GLOBAL REAL *RESTRICT scalars, const GLOBAL REAL *RESTRICT grad_out,
        const GLOBAL REAL *RESTRICT vector_adjoints, const GLOBAL REAL *RESTRICT jets,
        GLOBAL REAL *RESTRICT grad_in) {
    const pelican_shape s = pelican_shape_of(particles, channels, mean, average, map);
    const INDEX positions = pelican_positions(s.in_rank, particles);
    const INDEX id = GLOBAL_ID(0);
    if (id >= (INDEX) batch * positions * channels) return;
    const int c = (int) (id % channels);
    const INDEX pos = (id / channels) % positions;
    const INDEX b = id / (positions * channels);
    const int i = s.in_rank == 2 ? (int) (pos / particles) : (int) pos;
    const int j = s.in_rank == 2 ? (int) (pos % particles) : i;
    const int n = pelican_count(counts, b, particles);
    if (i >= n || j >= n) {
        grad_in[id] = (REAL) 0;
        return;
    }
    const INDEX line = b * channels + c;
    const REAL d = pelican_divisor(&s, n);
    const GLOBAL REAL *vi = vector_adjoints + (line * particles + i) * PV_STRIDE;
    const GLOBAL REAL *vj = vector_adjoints + (line * particles + j) * PV_STRIDE;
    const GLOBAL REAL *scalar = jets + line * (PJ_STRIDE + s.scaled);
    REAL g;
    if (s.in_rank == 2) {
        g = (vj[PV_COLUMN] + vi[PV_ROW]) / d + scalar[1] / (d * d);
        if (i == j) g += vi[PV_DIAGONAL] + scalar[0] / d;
        const GLOBAL REAL *record = scalars + line * (PSC_STRIDE + s.scaled);
        for (int op = 0; op < s.ops; op++) {
            const int source = map[PM_HEADER + op * PM_OP_STRIDE], place = map[PM_HEADER + op * PM_OP_STRIDE + 1];
            if (source != PS_ENTRY && source != PS_TRANSPOSE) continue;
            const REAL scale = op < s.first_scaled ? (REAL) 1 : record[PSC_STRIDE + op - s.first_scaled];
            g += scale * (source == PS_ENTRY ? pelican_grad(&s, grad_out, b, c, op, place, i, j, n)
                                             : pelican_grad(&s, grad_out, b, c, op, place, j, i, n));
        }
    } else {
        g = vi[PV_VALUE] + scalar[2] / d;
    }
    grad_in[id] = g;
}

#endif
