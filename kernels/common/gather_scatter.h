/*
 * Row gather and scatter for message passing over graph edges, on row-major [rows, width]
 * arrays of REAL with int32 row indices:
 *
 *   gather_rows:        out[e, c]      = x[index[e], c]                 e < edges
 *   scatter_add_rows:   out[index[e], c] += x[e, c]   (atomic add)       e < edges
 *   segment_sum_rows:   out[n, c]     += sum over k in [offsets[n], offsets[n+1]) of x[order[k], c]
 *
 * segment_sum_rows is the deterministic scatter: the caller groups the edges by target row
 * (order lists edge numbers grouped by target, offsets are the group boundaries, CSR style),
 * so each output element is summed by one work item in a fixed order.
 *
 * One work item per output element; the launch may be padded, so every kernel guards its id.
 * Rows outside [0, rows) are skipped rather than read or written: the host-side Java backend
 * reports them, a device kernel cannot.
 */
#ifndef EQUIKERN_GATHER_SCATTER_H
#define EQUIKERN_GATHER_SCATTER_H

#include "prelude.h"

KERNEL void gather_rows(const int edges, const int width, const int rows,
                        const GLOBAL int *RESTRICT index,
                        const GLOBAL REAL *RESTRICT x,
                        GLOBAL REAL *RESTRICT out) {
    const INDEX gid = GLOBAL_ID(0);
    if (gid >= (INDEX) edges * width) {
        return;
    }
    const int e = (int) (gid / width);
    const int c = (int) (gid - (INDEX) e * width);
    const int r = index[e];
    out[gid] = (r >= 0 && r < rows) ? x[(INDEX) r * width + c] : (REAL) 0;
}

KERNEL void scatter_add_rows(const int edges, const int width, const int rows,
                             const GLOBAL int *RESTRICT index,
                             const GLOBAL REAL *RESTRICT x,
                             GLOBAL REAL *out) {
    const INDEX gid = GLOBAL_ID(0);
    if (gid >= (INDEX) edges * width) {
        return;
    }
    const int e = (int) (gid / width);
    const int c = (int) (gid - (INDEX) e * width);
    const int r = index[e];
    if (r >= 0 && r < rows) {
        ATOMIC_ADD_REAL(&out[(INDEX) r * width + c], x[gid]);
    }
}

KERNEL void segment_sum_rows(const int rows, const int width, const int edges,
                             const GLOBAL int *RESTRICT offsets,
                             const GLOBAL int *RESTRICT order,
                             const GLOBAL REAL *RESTRICT x,
                             GLOBAL REAL *RESTRICT out) {
    const INDEX gid = GLOBAL_ID(0);
    if (gid >= (INDEX) rows * width) {
        return;
    }
    const int n = (int) (gid / width);
    const int c = (int) (gid - (INDEX) n * width);
    REAL sum = (REAL) 0;
    for (int k = offsets[n]; k < offsets[n + 1]; ++k) {
        const int e = order[k];
        if (e >= 0 && e < edges) {
            sum += x[(INDEX) e * width + c];
        }
    }
    out[gid] += sum;
}

#endif /* EQUIKERN_GATHER_SCATTER_H */
