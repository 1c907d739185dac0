package org.equikern.ops.pelican;

/**
 * What a PELICAN map reads from its input: the rank-2 array T itself (or transposed), one of its
 * vector reductions (diagonal, column sums C_j = Σ_i T_ij, row sums R_i = Σ_j T_ij), a scalar
 * (trace, total), or, for a rank-1 input x, x itself or its sum. Sums are normalized by
 * {@link Aggregation} (the total over both indices twice); the diagonal, T and x are not.
 */
enum Source {
    ENTRY, TRANSPOSE, DIAGONAL, COLUMN_SUMS, ROW_SUMS, TRACE, TOTAL, VALUE, VALUE_SUM
}
