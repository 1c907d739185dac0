package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.Arrays;
import org.equikern.tp.Mode;

/**
 * The layout of {@link RowLoops}: a sample's features as one {@code double[]} per (block,
 * component) holding that block's channels, and weights as one row per (path, u) holding the
 * path's output channels (uvu: one row per path). Every inner loop then indexes two distinct
 * arrays from 0 with the same index, which JDK 17's C2 vectorizes; with two different offsets
 * into arrays it could not prove apart, it stays scalar.
 */
final class RowPlan {
    final FlatPlan kernel;
    /** Per path: true for uvw, false for uvu (meaningful when the path is not empty). */
    final boolean[] mixed;
    /** Per path: its input-1 / output block's first row, its first weight row, first transposed weight row. */
    final int[] in1Row;
    final int[] outRow;
    final int[] weightRow;
    final int[] transposedRow;
    final int[] in1RowStart;
    final int[] outRowStart;
    private final int[] weightRowLength;
    private final int[] transposedRowLength;
    /** Widest block, rows of one path's scratch, most components. */
    final int maxMul;
    final int maxDim;

    private RowPlan(FlatPlan k) {
        this.kernel = k;
        int paths = k.pathCount;
        mixed = new boolean[paths];
        in1Row = new int[paths];
        outRow = new int[paths];
        weightRow = new int[paths];
        transposedRow = new int[paths];
        in1RowStart = rowStarts(k.in1Blocks);
        outRowStart = rowStarts(k.outBlocks);
        int rows = 0, transposed = 0, mul = 1, dim = 1;
        for (int path = 0; path < paths; path++) {
            int row = path * PATH_STRIDE;
            int[] t = k.paths;
            mixed[path] = t[row + PATH_TARGET] == Mode.Target.MIXED.ordinal();
            in1Row[path] = rowOf(k.in1Blocks, in1RowStart, t[row + PATH_IN1_OFFSET], t[row + PATH_IN1_MUL],
                    t[row + PATH_IN1_DIM]);
            outRow[path] = rowOf(k.outBlocks, outRowStart, t[row + PATH_OUT_OFFSET], t[row + PATH_OUT_MUL],
                    t[row + PATH_OUT_DIM]);
            weightRow[path] = rows;
            transposedRow[path] = transposed;
            if (t[row + PATH_HAS_WEIGHT] == 1) {
                rows += mixed[path] ? t[row + PATH_IN1_MUL] : 1;
                if (mixed[path]) transposed += t[row + PATH_OUT_MUL];
            }
            mul = Math.max(mul, Math.max(t[row + PATH_IN1_MUL], t[row + PATH_OUT_MUL]));
            dim = Math.max(dim, Math.max(t[row + PATH_OUT_DIM], Math.max(t[row + PATH_IN1_DIM], t[row + PATH_IN2_DIM])));
        }
        weightRowLength = new int[rows];
        transposedRowLength = new int[transposed];
        for (int path = 0; path < paths; path++) {
            int row = path * PATH_STRIDE;
            int[] t = k.paths;
            if (t[row + PATH_HAS_WEIGHT] != 1) continue;
            int m1 = t[row + PATH_IN1_MUL], mo = t[row + PATH_OUT_MUL];
            if (mixed[path]) {
                for (int u = 0; u < m1; u++) weightRowLength[weightRow[path] + u] = mo;
                for (int w = 0; w < mo; w++) transposedRowLength[transposedRow[path] + w] = m1;
            } else {
                weightRowLength[weightRow[path]] = m1;
            }
        }
        maxMul = mul;
        maxDim = dim;
    }

    /** The row layout of {@code k}, or null when some non-empty path has no couplings. */
    static RowPlan of(FlatPlan k) {
        for (int path = 0; path < k.pathCount; path++) {
            if (k.paths[path * PATH_STRIDE + PATH_PAIR_COUNT] > 0 && k.couplingStart[path] < 0) return null;
        }
        return new RowPlan(k);
    }

    private static int[] rowStarts(int[] blocks) {
        int[] starts = new int[blocks.length / 3 + 1];
        for (int b = 0; b < blocks.length / 3; b++) starts[b + 1] = starts[b] + blocks[3 * b + 2];
        return starts;
    }

    /**
     * The first row of the block at {@code offset} with multiplicity {@code mul} and dimension
     * {@code dim}: blocks of multiplicity 0 share their offset with the next block, so the offset
     * alone is ambiguous (blocks equal in all three have equally shaped rows).
     */
    private static int rowOf(int[] blocks, int[] starts, int offset, int mul, int dim) {
        for (int b = 0; b < blocks.length / 3; b++) {
            if (blocks[3 * b] == offset && blocks[3 * b + 1] == mul && blocks[3 * b + 2] == dim) return starts[b];
        }
        return 0;
    }

    static double[][] rows(int[] blocks, int[] starts) {
        double[][] rows = new double[starts[starts.length - 1]][];
        for (int b = 0; b < blocks.length / 3; b++) {
            for (int i = 0; i < blocks[3 * b + 2]; i++) rows[starts[b] + i] = new double[blocks[3 * b + 1]];
        }
        return rows;
    }

    double[][] weightRows() {
        return rowsOf(weightRowLength);
    }

    double[][] transposedRows() {
        return rowsOf(transposedRowLength);
    }

    private static double[][] rowsOf(int[] lengths) {
        double[][] rows = new double[lengths.length][];
        for (int r = 0; r < lengths.length; r++) rows[r] = new double[lengths[r]];
        return rows;
    }

    /** Copies a sample of {@code src} ({@code double[]} or {@code float[]}, mul_ir) into rows. */
    static void load(Object src, int base, int[] blocks, int[] starts, double[][] rows) {
        for (int b = 0; b < blocks.length / 3; b++) {
            int off = base + blocks[3 * b], mul = blocks[3 * b + 1], dim = blocks[3 * b + 2];
            for (int i = 0; i < dim; i++) {
                double[] r = rows[starts[b] + i];
                if (src instanceof double[]) {
                    double[] s = (double[]) src;
                    for (int u = 0; u < mul; u++) r[u] = s[off + u * dim + i];
                } else {
                    float[] s = (float[]) src;
                    for (int u = 0; u < mul; u++) r[u] = s[off + u * dim + i];
                }
            }
        }
    }

    /** Writes rows to a sample of {@code dst} (mul_ir), narrowing for {@code float[]}. */
    static void store(double[][] rows, int[] blocks, int[] starts, Object dst, int base) {
        for (int b = 0; b < blocks.length / 3; b++) {
            int off = base + blocks[3 * b], mul = blocks[3 * b + 1], dim = blocks[3 * b + 2];
            for (int i = 0; i < dim; i++) {
                double[] r = rows[starts[b] + i];
                if (dst instanceof double[]) {
                    double[] d = (double[]) dst;
                    for (int u = 0; u < mul; u++) d[off + u * dim + i] = r[u];
                } else {
                    float[] d = (float[]) dst;
                    for (int u = 0; u < mul; u++) d[off + u * dim + i] = (float) r[u];
                }
            }
        }
    }

    /** Copies the weights at {@code base} of {@code src} into weight rows (and transposed rows unless null). */
    void loadWeights(Object src, int base, double[][] rows, double[][] transposed) {
        int[] t = kernel.paths;
        for (int path = 0; path < kernel.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (t[row + PATH_HAS_WEIGHT] != 1 || t[row + PATH_PAIR_COUNT] == 0) continue;
            int first = weightRow[path], count = mixed[path] ? t[row + PATH_IN1_MUL] : 1;
            int from = base + t[row + PATH_WEIGHT_OFFSET];
            for (int r = 0; r < count; r++) {
                double[] w = rows[first + r];
                int at = from + r * w.length;
                if (src instanceof double[]) {
                    System.arraycopy((double[]) src, at, w, 0, w.length);
                } else {
                    float[] s = (float[]) src;
                    for (int c = 0; c < w.length; c++) w[c] = s[at + c];
                }
                if (mixed[path] && transposed != null) {
                    for (int c = 0; c < w.length; c++) transposed[transposedRow[path] + c][r] = w[c];
                }
            }
        }
    }

    /** Writes weight rows (gradients) into {@code dst} at {@code base}, narrowing for {@code float[]}. */
    void storeWeights(double[][] rows, Object dst, int base) {
        int[] t = kernel.paths;
        for (int path = 0; path < kernel.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (t[row + PATH_HAS_WEIGHT] != 1 || t[row + PATH_PAIR_COUNT] == 0) continue;
            int first = weightRow[path], count = mixed[path] ? t[row + PATH_IN1_MUL] : 1;
            int to = base + t[row + PATH_WEIGHT_OFFSET];
            for (int r = 0; r < count; r++) {
                double[] w = rows[first + r];
                int at = to + r * w.length;
                if (dst instanceof double[]) {
                    System.arraycopy(w, 0, (double[]) dst, at, w.length);
                } else {
                    float[] d = (float[]) dst;
                    for (int c = 0; c < w.length; c++) d[at + c] = (float) w[c];
                }
            }
        }
    }

    static void zero(double[][] rows) {
        for (double[] r : rows) Arrays.fill(r, 0.0);
    }
}
