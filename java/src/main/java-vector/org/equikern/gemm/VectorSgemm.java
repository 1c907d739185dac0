package org.equikern.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM behind {@link VectorKernel}: a register tile of 4 rows × 4 vectors of columns
 * (16 accumulators, 21 registers with the four B vectors and the broadcast: AVX-512 has 32) stays in
 * registers over the whole depth, every B row loaded once per tile and every A element broadcast
 * once: 16 FMAs per 4 loads and 4 broadcasts. Columns short of four vectors take an 8 rows × 2
 * vectors tile (as many accumulators), edges a 4 rows × 1 vector tile, then one row × one vector,
 * then scalars. Compiled apart from the library and before it (its own source folder,
 * {@code --add-modules jdk.incubator.vector}, so it names no library type) and loaded only by
 * {@link VectorKernel}, so JDK 17 builds and runs without the incubator module.
 *
 * <p>Every vector is created, used and stored inside one method: measured on JDK 17 and 25, passing
 * accumulators to a helper (an {@code addInto(c, at, FloatVector…)}) left the store intrinsic
 * unexpanded and boxed them, which cost 4× (about 40 against 160 GFLOP/s per core).
 */
final class VectorSgemm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of the register tiles. */
    private static final int TILE_ROWS = 4;
    /** Columns of the wide register tile: four vectors. */
    private static final int TILE_COLUMNS = 4 * LANES;
    /** Rows of the tall tile (two vectors of columns), for blocks narrower than the wide tile. */
    private static final int TALL_ROWS = 8;

    private VectorSgemm() {}

    /** Row-major {@code c[r][j] = Σ_u a[r][u] · b[u][j]} (rows × in by in × out, dense; c overwritten). */
    static void multiply(float[] a, float[] b, float[] c, int rows, int in, int out) {
        Arrays.fill(c, 0, rows * out, 0f);
        accumulate(a, in, 1, b, c, rows, in, out);
    }

    /** Row-major {@code p[u][j] += Σ_r a[r][u] · g[r][j]} (in × out, from rows × in and rows × out). */
    static void multiplyTransposedA(float[] a, float[] g, float[] p, int rows, int in, int out) {
        accumulate(a, 1, in, g, p, in, rows, out);
    }

    /**
     * {@code c[i·n + j] += Σ_k a[i·aRow + k·aDepth] · b[k·n + j]} for i &lt; m, j &lt; n, k &lt; depth: A read
     * through strides so that one kernel serves A and Aᵀ.
     */
    private static void accumulate(float[] a, int aRow, int aDepth, float[] b, float[] c, int m, int depth, int n) {
        int wide = n - n % TILE_COLUMNS;
        int pairs = wide + (n - wide) / (2 * LANES) * (2 * LANES);
        int vectors = n - n % LANES;
        int tiled = m - m % TILE_ROWS;
        int tall = m - m % TALL_ROWS;
        for (int j = 0; j < wide; j += TILE_COLUMNS) {
            for (int i = 0; i < tiled; i += TILE_ROWS) wideTile(a, aRow, aDepth, b, c, i, j, depth, n);
        }
        for (int j = wide; j < pairs; j += 2 * LANES) {
            for (int i = 0; i < tall; i += TALL_ROWS) tallTile(a, aRow, aDepth, b, c, i, j, depth, n);
            for (int i = tall; i < tiled; i += TILE_ROWS) {
                narrowTile(a, aRow, aDepth, b, c, i, j, depth, n);
                narrowTile(a, aRow, aDepth, b, c, i, j + LANES, depth, n);
            }
        }
        for (int j = pairs; j < vectors; j += LANES) {
            for (int i = 0; i < tiled; i += TILE_ROWS) narrowTile(a, aRow, aDepth, b, c, i, j, depth, n);
        }
        for (int i = tiled; i < m; i++) {
            for (int j = 0; j < vectors; j += LANES) rowVector(a, i * aRow, aDepth, b, c, i * n + j, j, depth, n);
        }
        for (int j = vectors; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float sum = 0f;
                for (int k = 0; k < depth; k++) sum = Math.fma(a[i * aRow + k * aDepth], b[k * n + j], sum);
                c[i * n + j] += sum;
            }
        }
    }

    /** Rows i.. i+3, columns j.. j+4·LANES-1: the register tile. */
    private static void wideTile(float[] a, int aRow, int aDepth, float[] b, float[] c, int i, int j, int depth,
                                 int n) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c02 = FloatVector.zero(SPECIES), c03 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c12 = FloatVector.zero(SPECIES), c13 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c22 = FloatVector.zero(SPECIES), c23 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c32 = FloatVector.zero(SPECIES), c33 = FloatVector.zero(SPECIES);
        int a0 = i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (int k = 0; k < depth; k++) {
            int bAt = k * n + j, at = k * aDepth;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bAt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bAt + LANES);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bAt + 2 * LANES);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bAt + 3 * LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + at]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = FloatVector.broadcast(SPECIES, a[a1 + at]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = FloatVector.broadcast(SPECIES, a[a2 + at]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = FloatVector.broadcast(SPECIES, a[a3 + at]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        // Stored here, not through a helper: see the class comment.
        int r0 = i * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
        c00.add(FloatVector.fromArray(SPECIES, c, r0)).intoArray(c, r0);
        c01.add(FloatVector.fromArray(SPECIES, c, r0 + LANES)).intoArray(c, r0 + LANES);
        c02.add(FloatVector.fromArray(SPECIES, c, r0 + 2 * LANES)).intoArray(c, r0 + 2 * LANES);
        c03.add(FloatVector.fromArray(SPECIES, c, r0 + 3 * LANES)).intoArray(c, r0 + 3 * LANES);
        c10.add(FloatVector.fromArray(SPECIES, c, r1)).intoArray(c, r1);
        c11.add(FloatVector.fromArray(SPECIES, c, r1 + LANES)).intoArray(c, r1 + LANES);
        c12.add(FloatVector.fromArray(SPECIES, c, r1 + 2 * LANES)).intoArray(c, r1 + 2 * LANES);
        c13.add(FloatVector.fromArray(SPECIES, c, r1 + 3 * LANES)).intoArray(c, r1 + 3 * LANES);
        c20.add(FloatVector.fromArray(SPECIES, c, r2)).intoArray(c, r2);
        c21.add(FloatVector.fromArray(SPECIES, c, r2 + LANES)).intoArray(c, r2 + LANES);
        c22.add(FloatVector.fromArray(SPECIES, c, r2 + 2 * LANES)).intoArray(c, r2 + 2 * LANES);
        c23.add(FloatVector.fromArray(SPECIES, c, r2 + 3 * LANES)).intoArray(c, r2 + 3 * LANES);
        c30.add(FloatVector.fromArray(SPECIES, c, r3)).intoArray(c, r3);
        c31.add(FloatVector.fromArray(SPECIES, c, r3 + LANES)).intoArray(c, r3 + LANES);
        c32.add(FloatVector.fromArray(SPECIES, c, r3 + 2 * LANES)).intoArray(c, r3 + 2 * LANES);
        c33.add(FloatVector.fromArray(SPECIES, c, r3 + 3 * LANES)).intoArray(c, r3 + 3 * LANES);
    }

    /**
     * Rows i.. i+7, columns j.. j+2·LANES-1: 16 accumulators, as the wide tile, for column counts below
     * four vectors (32 channels: the narrow tile alone is bound by its loads and FMA latency).
     */
    private static void tallTile(float[] a, int aRow, int aDepth, float[] b, float[] c, int i, int j, int depth,
                                 int n) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES), c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES), c71 = FloatVector.zero(SPECIES);
        int a0 = i * aRow;
        for (int k = 0; k < depth; k++) {
            int bAt = k * n + j, at = a0 + k * aDepth;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bAt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bAt + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[at]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(SPECIES, a[at + aRow]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(SPECIES, a[at + 2 * aRow]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(SPECIES, a[at + 3 * aRow]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(SPECIES, a[at + 4 * aRow]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(SPECIES, a[at + 5 * aRow]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
            x = FloatVector.broadcast(SPECIES, a[at + 6 * aRow]);
            c60 = b0.fma(x, c60);
            c61 = b1.fma(x, c61);
            x = FloatVector.broadcast(SPECIES, a[at + 7 * aRow]);
            c70 = b0.fma(x, c70);
            c71 = b1.fma(x, c71);
        }
        // Stored here, not through a helper: see the class comment.
        int r = i * n + j;
        c00.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c01.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c10.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c11.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c20.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c21.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c30.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c31.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c40.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c41.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c50.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c51.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c60.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c61.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
        r += n;
        c70.add(FloatVector.fromArray(SPECIES, c, r)).intoArray(c, r);
        c71.add(FloatVector.fromArray(SPECIES, c, r + LANES)).intoArray(c, r + LANES);
    }

    /** Rows i.. i+3, one vector of columns from j: the column edge. */
    private static void narrowTile(float[] a, int aRow, int aDepth, float[] b, float[] c, int i, int j, int depth,
                                   int n) {
        FloatVector c0 = FloatVector.zero(SPECIES), c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES), c3 = FloatVector.zero(SPECIES);
        int a0 = i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (int k = 0; k < depth; k++) {
            int at = k * aDepth;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, k * n + j);
            c0 = b0.fma(FloatVector.broadcast(SPECIES, a[a0 + at]), c0);
            c1 = b0.fma(FloatVector.broadcast(SPECIES, a[a1 + at]), c1);
            c2 = b0.fma(FloatVector.broadcast(SPECIES, a[a2 + at]), c2);
            c3 = b0.fma(FloatVector.broadcast(SPECIES, a[a3 + at]), c3);
        }
        int r0 = i * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
        c0.add(FloatVector.fromArray(SPECIES, c, r0)).intoArray(c, r0);
        c1.add(FloatVector.fromArray(SPECIES, c, r1)).intoArray(c, r1);
        c2.add(FloatVector.fromArray(SPECIES, c, r2)).intoArray(c, r2);
        c3.add(FloatVector.fromArray(SPECIES, c, r3)).intoArray(c, r3);
    }

    /** One row's one vector of columns from {@code j}, added into c at {@code cAt}: the row edge. */
    private static void rowVector(float[] a, int aAt, int aDepth, float[] b, float[] c, int cAt, int j, int depth,
                                  int n) {
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int k = 0; k < depth; k++) {
            sum = FloatVector.fromArray(SPECIES, b, k * n + j).fma(FloatVector.broadcast(SPECIES, a[aAt + k * aDepth]), sum);
        }
        sum.add(FloatVector.fromArray(SPECIES, c, cAt)).intoArray(c, cAt);
    }
}
