package org.equikern.gemm;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM behind {@link VectorKernel}: a register tile of {@link #TILE_ROWS} rows × two vectors
 * of columns (12 accumulators, 15 registers with the two B vectors and the broadcast, so it fits
 * AVX2's 16 as well as AVX-512's 32) stays in registers over the whole depth, every B row loaded
 * once per tile and every A element broadcast once: 12 FMAs per 2 loads and 6 broadcasts.
 * Compiled apart from the library and before it (its own source folder, {@code --add-modules
 * jdk.incubator.vector}, so it names no library type) and loaded only by {@link VectorKernel},
 * so JDK 17 builds and runs without the incubator module.
 */
final class VectorSgemm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Rows of the register tile. */
    private static final int TILE_ROWS = 6;

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
        int j = 0;
        for (; j + 2 * LANES <= n; j += 2 * LANES) {
            int i = 0;
            for (; i + TILE_ROWS <= m; i += TILE_ROWS) tile(a, aRow, aDepth, b, c, i, j, depth, n);
            for (; i < m; i++) {
                rowVector(a, i * aRow, aDepth, b, c, i * n + j, j, depth, n);
                rowVector(a, i * aRow, aDepth, b, c, i * n + j + LANES, j + LANES, depth, n);
            }
        }
        for (; j + LANES <= n; j += LANES) {
            for (int i = 0; i < m; i++) rowVector(a, i * aRow, aDepth, b, c, i * n + j, j, depth, n);
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float sum = 0f;
                for (int k = 0; k < depth; k++) sum = Math.fma(a[i * aRow + k * aDepth], b[k * n + j], sum);
                c[i * n + j] += sum;
            }
        }
    }

    /** Rows i.. i+5, columns j.. j+2·LANES-1: the register tile. */
    private static void tile(float[] a, int aRow, int aDepth, float[] b, float[] c, int i, int j, int depth, int n) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES), c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES), c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES), c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES), c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES), c51 = FloatVector.zero(SPECIES);
        int a0 = i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow;
        for (int k = 0; k < depth; k++) {
            int bAt = k * n + j, at = k * aDepth;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bAt);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bAt + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + at]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + at]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + at]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + at]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[a4 + at]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[a5 + at]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        int at = i * n + j;
        addInto(c, at, c00, c01);
        addInto(c, at + n, c10, c11);
        addInto(c, at + 2 * n, c20, c21);
        addInto(c, at + 3 * n, c30, c31);
        addInto(c, at + 4 * n, c40, c41);
        addInto(c, at + 5 * n, c50, c51);
    }

    private static void addInto(float[] c, int at, FloatVector low, FloatVector high) {
        low.add(FloatVector.fromArray(SPECIES, c, at)).intoArray(c, at);
        high.add(FloatVector.fromArray(SPECIES, c, at + LANES)).intoArray(c, at + LANES);
    }

    /** One row's one vector of columns from {@code j}, added into c at {@code cAt}: the tile's edges. */
    private static void rowVector(float[] a, int aAt, int aDepth, float[] b, float[] c, int cAt, int j, int depth,
                                  int n) {
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int k = 0; k < depth; k++) {
            sum = FloatVector.broadcast(SPECIES, a[aAt + k * aDepth]).fma(FloatVector.fromArray(SPECIES, b, k * n + j), sum);
        }
        sum.add(FloatVector.fromArray(SPECIES, c, cAt)).intoArray(c, cAt);
    }
}
