/*
 * y = factor * x, the toy operation of ARCHITECTURE.md (a test fixture, not shipped): one work
 * item per element, with the bounds guard every kernel needs (launches pad the range).
 */
#include "prelude.h"

KERNEL void scale_forward(const int n, const REAL factor, const GLOBAL REAL *RESTRICT x, GLOBAL REAL *RESTRICT y) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) y[i] = factor * x[i];
}
