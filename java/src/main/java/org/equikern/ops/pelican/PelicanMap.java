package org.equikern.ops.pelican;

import java.util.List;

/**
 * The families of PELICAN's linear permutation-equivariant maps ({@code perm_equiv_layers.py},
 * abogatskiy/PELICAN), each a list of ops in PELICAN's order. With T the input, d_i = T_ii,
 * C_j = Σ_i T_ij, R_i = Σ_j T_ij (sums normalized by {@link Aggregation}):
 * <ul>
 * <li>{@link #ONE_TO_TWO} ({@code eops_1_to_2}): δ_ij x_i, x_j, x_i, δ_ij Σx, Σx;</li>
 * <li>{@link #TWO_TO_TWO} ({@code eops_2_to_2}): T_ij, T_ji, δ_ij d_i, d_j, d_i, δ_ij C_i, C_j, C_i,
 *     δ_ij R_i, R_j, R_i, tr T, δ_ij tr T, ΣT, δ_ij ΣT;</li>
 * <li>{@link #TWO_TO_ONE} ({@code eops_2_to_1}): d_i, R_i, C_i, tr T, ΣT;</li>
 * <li>{@link #TWO_TO_ZERO} ({@code eops_2_to_0}): ΣT, tr T.</li>
 * </ul>
 * The learnable (N/N_avg)^α factor applies to ops from {@link #firstScaledOp()} on: PELICAN fixes
 * α = 0 for the five order-zero ops of 2→2 and learns it for every op of the others.
 */
public enum PelicanMap {
    /** Rank 1 to rank 2, 5 ops. */
    ONE_TO_TWO(1, 2, 0, List.of(op(Source.VALUE, Place.DIAGONAL), op(Source.VALUE, Place.COLUMN),
            op(Source.VALUE, Place.ROW), op(Source.VALUE_SUM, Place.DIAGONAL), op(Source.VALUE_SUM, Place.ALL))),
    /** Rank 2 to rank 2, 15 ops. */
    TWO_TO_TWO(2, 2, 5, List.of(op(Source.ENTRY, Place.MATRIX), op(Source.TRANSPOSE, Place.MATRIX),
            op(Source.DIAGONAL, Place.DIAGONAL), op(Source.DIAGONAL, Place.COLUMN), op(Source.DIAGONAL, Place.ROW),
            op(Source.COLUMN_SUMS, Place.DIAGONAL), op(Source.COLUMN_SUMS, Place.COLUMN),
            op(Source.COLUMN_SUMS, Place.ROW), op(Source.ROW_SUMS, Place.DIAGONAL), op(Source.ROW_SUMS, Place.COLUMN),
            op(Source.ROW_SUMS, Place.ROW), op(Source.TRACE, Place.ALL), op(Source.TRACE, Place.DIAGONAL),
            op(Source.TOTAL, Place.ALL), op(Source.TOTAL, Place.DIAGONAL))),
    /** Rank 2 to rank 1, 5 ops. */
    TWO_TO_ONE(2, 1, 0, List.of(op(Source.DIAGONAL, Place.ROW), op(Source.ROW_SUMS, Place.ROW),
            op(Source.COLUMN_SUMS, Place.ROW), op(Source.TRACE, Place.ALL), op(Source.TOTAL, Place.ALL))),
    /** Rank 2 to rank 0, 2 ops. */
    TWO_TO_ZERO(2, 0, 0, List.of(op(Source.TOTAL, Place.ALL), op(Source.TRACE, Place.ALL)));

    final int inRank;
    final int outRank;
    private final int firstScaledOp;
    final List<Op> ops;

    PelicanMap(int inRank, int outRank, int firstScaledOp, List<Op> ops) {
        this.inRank = inRank;
        this.outRank = outRank;
        this.firstScaledOp = firstScaledOp;
        this.ops = ops;
    }

    /**
     * Rank of the input (1: [particles], 2: [particles][particles], per channel).
     *
     * @return 1 or 2
     */
    public int inRank() {
        return inRank;
    }

    /**
     * Rank of the output.
     *
     * @return 0, 1 or 2
     */
    public int outRank() {
        return outRank;
    }

    /**
     * The number of ops.
     *
     * @return the op count
     */
    public int opCount() {
        return ops.size();
    }

    /**
     * The first op with a learnable exponent α.
     *
     * @return the op index
     */
    public int firstScaledOp() {
        return firstScaledOp;
    }

    /**
     * The number of ops with a learnable exponent α, per channel.
     *
     * @return the count
     */
    public int scaledOpCount() {
        return ops.size() - firstScaledOp;
    }

    private static Op op(Source source, Place place) {
        return new Op(source, place);
    }

    /** One op: what it reads and where it puts it. */
    static final class Op {
        final Source source;
        final Place place;

        Op(Source source, Place place) {
            this.source = source;
            this.place = place;
        }
    }
}
