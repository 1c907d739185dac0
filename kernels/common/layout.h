/*
 * Irreps layout conversion (org.equikern.ops.layout.LayoutOp): dst[row][k] = src[row][gather[k]]
 * for rows vectors of dim values, gather the source position of each destination position
 * (org.equikern.group.IrrepsLayout.gatherTo). One work item per destination value, so writes
 * are coalesced along a row.
 */
#ifndef EQUIKERN_LAYOUT_H
#define EQUIKERN_LAYOUT_H

#include "prelude.h"

KERNEL void layout_gather(const int rows, const int dim, const GLOBAL int *RESTRICT gather,
                          const GLOBAL REAL *RESTRICT src, GLOBAL REAL *RESTRICT dst) {
    int row, k;
    if (!grid_item(rows, dim, &row, &k)) {
        return;
    }
    const INDEX base = (INDEX) row * dim;
    dst[base + k] = src[base + gather[k]];
}

#endif
