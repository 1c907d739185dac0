package org.equikern.ops.pelican;

/**
 * What a PELICAN map reads from its input: the rank-2 array T itself (or transposed), one of its
 * vector reductions (diagonal, column sums C_j = Σ_i T_ij, row sums R_i = Σ_j T_ij), a scalar
 * (trace, total), or, for a rank-1 input x, x itself or its sum. Sums are normalized by
 * {@link Aggregation}; the diagonal, T and x are not.
 */
enum Source {
    ENTRY(0), TRANSPOSE(0), DIAGONAL(0), COLUMN_SUMS(1), ROW_SUMS(1), TRACE(1), TOTAL(2), VALUE(0), VALUE_SUM(1);

    /** The number of summed indices, the power of the divisor. */
    final int summedIndices;

    Source(int summedIndices) {
        this.summedIndices = summedIndices;
    }

    boolean isMatrix() {
        return this == ENTRY || this == TRANSPOSE;
    }

    boolean isScalar() {
        return this == TRACE || this == TOTAL || this == VALUE_SUM;
    }
}
