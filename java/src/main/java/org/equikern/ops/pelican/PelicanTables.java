package org.equikern.ops.pelican;

/**
 * The map table the kernels of {@code kernels/common/pelican.h} read: a header (in rank, out rank,
 * ops, first scaled op) and per op its {@link Source} and {@link Place} ordinals; and the record
 * widths of the kernels' scratch. The header's {@code PM_*}, {@code PS_*}, {@code PP_*} and stride
 * defines mirror these (KernelLayoutTest ties them).
 */
final class PelicanTables {
    static final int HEADER = 4;
    static final int OP_STRIDE = 2;
    /** Reals per (jet, channel, particle) of the vector scratch ({@code PV_STRIDE}). */
    static final int VECTOR_STRIDE = 4;
    /** Reals per (jet, channel) of the scalar scratch ({@code PSC_STRIDE}). */
    static final int SCALAR_STRIDE = 3;
    /** Scalar adjoints ahead of the scaled ops' partials in a backward record ({@code PJ_STRIDE}). */
    static final int ADJOINT_STRIDE = 3;

    private PelicanTables() {
    }

    /** The table of {@code map}. */
    static int[] map(PelicanMap map) {
        int[] table = new int[HEADER + OP_STRIDE * map.opCount()];
        table[0] = map.inRank;
        table[1] = map.outRank;
        table[2] = map.opCount();
        table[3] = map.firstScaledOp();
        for (int o = 0; o < map.opCount(); o++) {
            table[HEADER + OP_STRIDE * o] = map.ops.get(o).source.ordinal();
            table[HEADER + OP_STRIDE * o + 1] = map.ops.get(o).place.ordinal();
        }
        return table;
    }
}
