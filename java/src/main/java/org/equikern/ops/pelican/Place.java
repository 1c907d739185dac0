package org.equikern.ops.pelican;

/**
 * Where a PELICAN map puts what it read, at output position (i, j): a matrix as is
 * ({@link #MATRIX}), a vector v as δ_ij·v_i ({@link #DIAGONAL}), v_i ({@link #ROW}) or v_j
 * ({@link #COLUMN}), a scalar s as δ_ij·s ({@link #DIAGONAL}) or s everywhere ({@link #ALL}). Rank-1
 * outputs use ROW and ALL, rank-0 outputs ALL.
 */
enum Place {
    MATRIX, DIAGONAL, ROW, COLUMN, ALL;

    /** Whether position (i, j) receives a value (DIAGONAL: only i = j). */
    boolean covers(int i, int j) {
        return this != DIAGONAL || i == j;
    }

    /** The vector index read at (i, j). */
    int vectorIndex(int i, int j) {
        return this == COLUMN ? j : i;
    }
}
