/*
 * y[yOffset + i] += alpha * x[xOffset + i] for i < n (org.equikern.ops.axpy.AxpyOp): the residual adds
 * and gradient accumulations of a model kept on the device, and the copies between a flat parameter
 * buffer and the layers' weights. One work item per element; launches are padded, so every item
 * guards its id.
 */
#ifndef EQUIKERN_AXPY_H
#define EQUIKERN_AXPY_H

#include "prelude.h"

KERNEL void axpy(const int n, const REAL alpha, const GLOBAL REAL *RESTRICT x, const int xOffset,
                 GLOBAL REAL *RESTRICT y, const int yOffset) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        y[yOffset + i] += alpha * x[xOffset + i];
    }
}

#endif
