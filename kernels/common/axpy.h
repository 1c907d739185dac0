/*
 * y = y + alpha * x on n elements (org.equikern.ops.axpy.AxpyOp): the residual adds and gradient
 * accumulations of a model kept on the device. One work item per element; launches are padded, so
 * every item guards its id.
 */
#ifndef EQUIKERN_AXPY_H
#define EQUIKERN_AXPY_H

#include "prelude.h"

KERNEL void axpy(const int n, const REAL alpha, const GLOBAL REAL *RESTRICT x, GLOBAL REAL *RESTRICT y) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        y[i] += alpha * x[i];
    }
}

#endif
