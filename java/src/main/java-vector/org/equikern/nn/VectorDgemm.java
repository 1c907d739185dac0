package org.equikern.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel behind {@code RowMatrices} in double precision: a register tile of 4 rows × 4
 * vectors of columns (16 accumulators, 21 registers with the four right-operand vectors and the
 * broadcast: AVX-512 has 32) stays in registers over the whole inner dimension, so each output element
 * is loaded and stored once per product instead of once per eight inner indices as in the plain-Java
 * kernel. Edges take a 4 rows × 1 vector tile, then one row × one vector, then scalars.
 *
 * <p>Every output element, whichever tile computes it, is the same chain {@code s = fma(a_k, w_k, s)} over
 * k from 0, then {@code out = fma(s, scale, out)}: results do not depend on where a row range starts, so
 * the caller may split rows over threads freely. Compiled apart (see {@code gemm.VectorApi}); it names no
 * library type, and every vector lives inside one method (see {@code gemm.VectorSgemm}: vectors passed to
 * a helper were boxed).
 */
final class VectorDgemm {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of the register tiles. */
    private static final int TILE_ROWS = 4;
    /** Columns of the wide register tile: four vectors. */
    private static final int TILE_COLUMNS = 4 * LANES;

    private VectorDgemm() {}

    /**
     * {@code out[outOffset + r·cols + c] += scale · Σ_k a[r·aRow + k·aDepth] · w[wOffset + k·cols + c]} for
     * output rows {@code from ≤ r < to} and {@code k < inner}: a read through strides, so that a transposed
     * left operand needs no copy.
     */
    static void multiplyAdd(double[] a, int aRow, int aDepth, int inner, double[] w, int wOffset, int cols,
                            double scale, double[] out, int outOffset, int from, int to) {
        int wide = cols - cols % TILE_COLUMNS;
        int vectors = cols - cols % LANES;
        int tiled = to - (to - from) % TILE_ROWS;
        for (int j = 0; j < wide; j += TILE_COLUMNS) {
            for (int i = from; i < tiled; i += TILE_ROWS) {
                wideTile(a, aRow, aDepth, inner, w, wOffset, cols, scale, out, outOffset, i, j);
            }
        }
        for (int j = wide; j < vectors; j += LANES) {
            for (int i = from; i < tiled; i += TILE_ROWS) {
                narrowTile(a, aRow, aDepth, inner, w, wOffset, cols, scale, out, outOffset, i, j);
            }
        }
        for (int i = tiled; i < to; i++) {
            for (int j = 0; j < vectors; j += LANES) {
                rowVector(a, aRow, aDepth, inner, w, wOffset, cols, scale, out, outOffset, i, j);
            }
        }
        for (int i = from; i < to; i++) {
            for (int j = vectors; j < cols; j++) {
                double sum = 0;
                for (int k = 0; k < inner; k++) {
                    sum = Math.fma(a[i * aRow + k * aDepth], w[wOffset + k * cols + j], sum);
                }
                int at = outOffset + i * cols + j;
                out[at] = Math.fma(sum, scale, out[at]);
            }
        }
    }

    /** Rows i.. i+3, columns j.. j+4·LANES-1: the register tile. */
    private static void wideTile(double[] a, int aRow, int aDepth, int inner, double[] w, int wOffset, int cols, double scale, double[] out,
                                 int outOffset, int i, int j) {
        DoubleVector c00 = DoubleVector.zero(SPECIES), c01 = DoubleVector.zero(SPECIES);
        DoubleVector c02 = DoubleVector.zero(SPECIES), c03 = DoubleVector.zero(SPECIES);
        DoubleVector c10 = DoubleVector.zero(SPECIES), c11 = DoubleVector.zero(SPECIES);
        DoubleVector c12 = DoubleVector.zero(SPECIES), c13 = DoubleVector.zero(SPECIES);
        DoubleVector c20 = DoubleVector.zero(SPECIES), c21 = DoubleVector.zero(SPECIES);
        DoubleVector c22 = DoubleVector.zero(SPECIES), c23 = DoubleVector.zero(SPECIES);
        DoubleVector c30 = DoubleVector.zero(SPECIES), c31 = DoubleVector.zero(SPECIES);
        DoubleVector c32 = DoubleVector.zero(SPECIES), c33 = DoubleVector.zero(SPECIES);
        int a0 = i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (int k = 0; k < inner; k++) {
            int wAt = wOffset + k * cols + j, at = k * aDepth;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, w, wAt);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, w, wAt + LANES);
            DoubleVector b2 = DoubleVector.fromArray(SPECIES, w, wAt + 2 * LANES);
            DoubleVector b3 = DoubleVector.fromArray(SPECIES, w, wAt + 3 * LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + at]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, a[a1 + at]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, a[a2 + at]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(SPECIES, a[a3 + at]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // Stored here, not through a helper: see the class comment.
        DoubleVector s = DoubleVector.broadcast(SPECIES, scale);
        int r0 = outOffset + i * cols + j, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
        c00.fma(s, DoubleVector.fromArray(SPECIES, out, r0)).intoArray(out, r0);
        c01.fma(s, DoubleVector.fromArray(SPECIES, out, r0 + LANES)).intoArray(out, r0 + LANES);
        c02.fma(s, DoubleVector.fromArray(SPECIES, out, r0 + 2 * LANES)).intoArray(out, r0 + 2 * LANES);
        c03.fma(s, DoubleVector.fromArray(SPECIES, out, r0 + 3 * LANES)).intoArray(out, r0 + 3 * LANES);
        c10.fma(s, DoubleVector.fromArray(SPECIES, out, r1)).intoArray(out, r1);
        c11.fma(s, DoubleVector.fromArray(SPECIES, out, r1 + LANES)).intoArray(out, r1 + LANES);
        c12.fma(s, DoubleVector.fromArray(SPECIES, out, r1 + 2 * LANES)).intoArray(out, r1 + 2 * LANES);
        c13.fma(s, DoubleVector.fromArray(SPECIES, out, r1 + 3 * LANES)).intoArray(out, r1 + 3 * LANES);
        c20.fma(s, DoubleVector.fromArray(SPECIES, out, r2)).intoArray(out, r2);
        c21.fma(s, DoubleVector.fromArray(SPECIES, out, r2 + LANES)).intoArray(out, r2 + LANES);
        c22.fma(s, DoubleVector.fromArray(SPECIES, out, r2 + 2 * LANES)).intoArray(out, r2 + 2 * LANES);
        c23.fma(s, DoubleVector.fromArray(SPECIES, out, r2 + 3 * LANES)).intoArray(out, r2 + 3 * LANES);
        c30.fma(s, DoubleVector.fromArray(SPECIES, out, r3)).intoArray(out, r3);
        c31.fma(s, DoubleVector.fromArray(SPECIES, out, r3 + LANES)).intoArray(out, r3 + LANES);
        c32.fma(s, DoubleVector.fromArray(SPECIES, out, r3 + 2 * LANES)).intoArray(out, r3 + 2 * LANES);
        c33.fma(s, DoubleVector.fromArray(SPECIES, out, r3 + 3 * LANES)).intoArray(out, r3 + 3 * LANES);
    }

    /** Rows i.. i+3, one vector of columns from j: the column edge. */
    private static void narrowTile(double[] a, int aRow, int aDepth, int inner, double[] w, int wOffset, int cols, double scale,
                                   double[] out, int outOffset, int i, int j) {
        DoubleVector c0 = DoubleVector.zero(SPECIES), c1 = DoubleVector.zero(SPECIES);
        DoubleVector c2 = DoubleVector.zero(SPECIES), c3 = DoubleVector.zero(SPECIES);
        int a0 = i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (int k = 0; k < inner; k++) {
            int at = k * aDepth;
            DoubleVector b = DoubleVector.fromArray(SPECIES, w, wOffset + k * cols + j);
            c0 = DoubleVector.broadcast(SPECIES, a[a0 + at]).fma(b, c0);
            c1 = DoubleVector.broadcast(SPECIES, a[a1 + at]).fma(b, c1);
            c2 = DoubleVector.broadcast(SPECIES, a[a2 + at]).fma(b, c2);
            c3 = DoubleVector.broadcast(SPECIES, a[a3 + at]).fma(b, c3);
        }
        DoubleVector s = DoubleVector.broadcast(SPECIES, scale);
        int r0 = outOffset + i * cols + j, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
        c0.fma(s, DoubleVector.fromArray(SPECIES, out, r0)).intoArray(out, r0);
        c1.fma(s, DoubleVector.fromArray(SPECIES, out, r1)).intoArray(out, r1);
        c2.fma(s, DoubleVector.fromArray(SPECIES, out, r2)).intoArray(out, r2);
        c3.fma(s, DoubleVector.fromArray(SPECIES, out, r3)).intoArray(out, r3);
    }

    /** Row i, one vector of columns from j: the row edge. */
    private static void rowVector(double[] a, int aRow, int aDepth, int inner, double[] w, int wOffset, int cols, double scale,
                                  double[] out, int outOffset, int i, int j) {
        DoubleVector sum = DoubleVector.zero(SPECIES);
        int a0 = i * aRow;
        for (int k = 0; k < inner; k++) {
            sum = DoubleVector.broadcast(SPECIES, a[a0 + k * aDepth])
                    .fma(DoubleVector.fromArray(SPECIES, w, wOffset + k * cols + j), sum);
        }
        int o = outOffset + i * cols + j;
        sum.fma(DoubleVector.broadcast(SPECIES, scale), DoubleVector.fromArray(SPECIES, out, o)).intoArray(out, o);
    }
}
