/*
 * Two-level deterministic reductions over the batch, for the weight and bias gradients: no work
 * item loops over a whole batch (a GPU watchdog kills a kernel whose item runs 10^6 samples).
 *
 * First pass: the batch is cut into `slices` consecutive chunks of `chunk` samples (the host
 * fixes chunk from the batch size alone); one item per (slice, element) sums its chunk in
 * sample order into partial[slice, element]. Second pass: sum_slices adds the slices of each
 * element in slice order. Both orders are fixed, so results repeat bit for bit. With one slice
 * the first pass writes the result directly and the second is skipped.
 */
#ifndef EQUIKERN_REDUCTION_H
#define EQUIKERN_REDUCTION_H

#include "prelude.h"

/*
 * This item's (slice, element) over slices × n, and the slice's samples [*first, *end) of a
 * batch cut into chunks of `chunk`; returns 0 for the items that pad the launch. The item's
 * partial sum goes to partial[GLOBAL_ID(0)], which is partial[slice, element].
 */
DEVICE_FN int slice_item(const int n, const int slices, const int chunk, const int batch, int *element,
                         int *first, int *end) {
    int slice;
    if (!grid_item(slices, n, &slice, element)) return 0;
    *first = slice * chunk;
    *end = min(batch, *first + chunk);
    return 1;
}

/* y[e] = sum over the slices of partial[slice, e], in slice order. */
KERNEL void sum_slices(const int n, const int slices, const GLOBAL REAL *RESTRICT partial, GLOBAL REAL *RESTRICT y) {
    const INDEX e = GLOBAL_ID(0);
    if (e >= n) {
        return;
    }
    REAL s = (REAL) 0;
    for (int k = 0; k < slices; ++k) {
        s += partial[(INDEX) k * n + e];
    }
    y[e] = s;
}

#endif /* EQUIKERN_REDUCTION_H */
