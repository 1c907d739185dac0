package org.equikern.ops.tensorproduct;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops behind {@code ChannelRows}: unit-stride operations on rows of channels at
 * arbitrary offsets (C2 leaves such loops scalar when it cannot prove the two arrays' ranges apart)
 * and the strided moves between e3nn's {@code [channel][component]} layout and the component-major
 * one, as lane shuffles within blocks of channels. Compiled apart with {@code --add-modules jdk.incubator.vector}, names
 * no library type, found at run time only where the JVM resolved the module.
 */
final class VectorChannelRows {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Components per channel that have precomputed lane moves: every irrep up to l = 15. */
    private static final int MAX_DIM = 31;
    /** The lane moves of blocks of {@code dim} components, per dim from 2 (null beyond {@link #MAX_DIM}). */
    private static final BlockMoves[] MOVES = new BlockMoves[MAX_DIM + 1];

    static {
        for (int dim = 2; dim <= MAX_DIM; dim++) MOVES[dim] = new BlockMoves(dim);
    }

    // Vectors (l = 1), the common case, with its moves in constants: C2 keeps constant shuffles and
    // masks in registers, while those read from arrays are reloaded per use.
    private static final VectorShuffle<Float> GATHER3_0 = MOVES[3].gatherShuffles[0];
    private static final VectorShuffle<Float> GATHER3_1 = MOVES[3].gatherShuffles[1];
    private static final VectorShuffle<Float> GATHER3_2 = MOVES[3].gatherShuffles[2];
    private static final VectorMask<Float> GATHER3_01 = MOVES[3].gatherMasks[0][1];
    private static final VectorMask<Float> GATHER3_02 = MOVES[3].gatherMasks[0][2];
    private static final VectorMask<Float> GATHER3_11 = MOVES[3].gatherMasks[1][1];
    private static final VectorMask<Float> GATHER3_12 = MOVES[3].gatherMasks[1][2];
    private static final VectorMask<Float> GATHER3_21 = MOVES[3].gatherMasks[2][1];
    private static final VectorMask<Float> GATHER3_22 = MOVES[3].gatherMasks[2][2];
    private static final VectorShuffle<Float> SCATTER3_0 = MOVES[3].scatterShuffles[0];
    private static final VectorShuffle<Float> SCATTER3_1 = MOVES[3].scatterShuffles[1];
    private static final VectorShuffle<Float> SCATTER3_2 = MOVES[3].scatterShuffles[2];
    private static final VectorMask<Float> SCATTER3_01 = MOVES[3].scatterMasks[0][1];
    private static final VectorMask<Float> SCATTER3_02 = MOVES[3].scatterMasks[0][2];
    private static final VectorMask<Float> SCATTER3_11 = MOVES[3].scatterMasks[1][1];
    private static final VectorMask<Float> SCATTER3_12 = MOVES[3].scatterMasks[1][2];
    private static final VectorMask<Float> SCATTER3_21 = MOVES[3].scatterMasks[2][1];
    private static final VectorMask<Float> SCATTER3_22 = MOVES[3].scatterMasks[2][2];

    private VectorChannelRows() {}

    /** {@code y[yAt + u] = s · x[xAt + u]} for u &lt; n. */
    static void scale(float s, float[] x, int xAt, float[] y, int yAt, int n) {
        int u = 0;
        for (int end = SPECIES.loopBound(n); u < end; u += LANES) {
            FloatVector.fromArray(SPECIES, x, xAt + u).mul(s).intoArray(y, yAt + u);
        }
        for (; u < n; u++) y[yAt + u] = s * x[xAt + u];
    }

    /** {@code y[yAt + u] += s · x[xAt + u]} for u &lt; n (fused). */
    static void axpy(float s, float[] x, int xAt, float[] y, int yAt, int n) {
        FloatVector scale = FloatVector.broadcast(SPECIES, s);
        int u = 0;
        for (int end = SPECIES.loopBound(n); u < end; u += LANES) {
            FloatVector.fromArray(SPECIES, x, xAt + u).fma(scale, FloatVector.fromArray(SPECIES, y, yAt + u))
                    .intoArray(y, yAt + u);
        }
        for (; u < n; u++) y[yAt + u] = Math.fma(s, x[xAt + u], y[yAt + u]);
    }

    /** {@code Σ_u a[aAt + u] · b[bAt + u]} for u &lt; n, in float lanes. */
    static float dot(float[] a, int aAt, float[] b, int bAt, int n) {
        FloatVector sum = FloatVector.zero(SPECIES);
        int u = 0;
        for (int end = SPECIES.loopBound(n); u < end; u += LANES) {
            sum = FloatVector.fromArray(SPECIES, a, aAt + u).fma(FloatVector.fromArray(SPECIES, b, bAt + u), sum);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; u < n; u++) total = Math.fma(a[aAt + u], b[bAt + u], total);
        return total;
    }

    /**
     * {@code dst[dstAt + i·mul + u] = src[srcAt + u·dim + i]}. Per block of LANES channels, the dim
     * source vectors hold LANES·dim consecutive floats; component i's vector takes lane q from
     * float {@code dim·q + i}: the same lane shuffle of every source vector, blended by which vector
     * holds that float (dim shuffles and dim - 1 blends per vector out). Measured at 128 × 3 on one
     * core: 0.12 ns per float with the shuffles in constants (l = 1), 0.30 read from arrays, 0.37
     * with a gather instruction per vector, 0.5–0.6 in plain Java.
     */
    static void gather(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        int u = 0;
        if (dim == 3) {
            for (int end = SPECIES.loopBound(mul); u < end; u += LANES) {
                int from = srcAt + 3 * u;
                FloatVector v0 = FloatVector.fromArray(SPECIES, src, from);
                FloatVector v1 = FloatVector.fromArray(SPECIES, src, from + LANES);
                FloatVector v2 = FloatVector.fromArray(SPECIES, src, from + 2 * LANES);
                v0.rearrange(GATHER3_0).blend(v1.rearrange(GATHER3_0), GATHER3_01)
                        .blend(v2.rearrange(GATHER3_0), GATHER3_02).intoArray(dst, dstAt + u);
                v0.rearrange(GATHER3_1).blend(v1.rearrange(GATHER3_1), GATHER3_11)
                        .blend(v2.rearrange(GATHER3_1), GATHER3_12).intoArray(dst, dstAt + mul + u);
                v0.rearrange(GATHER3_2).blend(v1.rearrange(GATHER3_2), GATHER3_21)
                        .blend(v2.rearrange(GATHER3_2), GATHER3_22).intoArray(dst, dstAt + 2 * mul + u);
            }
        } else if (dim <= MAX_DIM) {
            BlockMoves moves = MOVES[dim];
            for (int end = SPECIES.loopBound(mul); u < end; u += LANES) {
                int from = srcAt + u * dim;
                for (int i = 0; i < dim; i++) {
                    VectorShuffle<Float> shuffle = moves.gatherShuffles[i];
                    FloatVector out = FloatVector.fromArray(SPECIES, src, from).rearrange(shuffle);
                    for (int v = 1; v < dim; v++) {
                        out = out.blend(FloatVector.fromArray(SPECIES, src, from + v * LANES).rearrange(shuffle),
                                moves.gatherMasks[i][v]);
                    }
                    out.intoArray(dst, dstAt + i * mul + u);
                }
            }
        }
        for (; u < mul; u++) {
            for (int i = 0; i < dim; i++) dst[dstAt + i * mul + u] = src[srcAt + u * dim + i];
        }
    }

    /**
     * {@code dst[dstAt + u·dim + i] = src[srcAt + i·mul + u]}, the inverse of {@link #gather}: output
     * vector v of a block takes lane p from component {@code (LANES·v + p) mod dim}, channel
     * {@code (LANES·v + p) / dim}.
     */
    static void scatter(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        int u = 0;
        if (dim == 3) {
            for (int end = SPECIES.loopBound(mul); u < end; u += LANES) {
                int to = dstAt + 3 * u;
                FloatVector c0 = FloatVector.fromArray(SPECIES, src, srcAt + u);
                FloatVector c1 = FloatVector.fromArray(SPECIES, src, srcAt + mul + u);
                FloatVector c2 = FloatVector.fromArray(SPECIES, src, srcAt + 2 * mul + u);
                c0.rearrange(SCATTER3_0).blend(c1.rearrange(SCATTER3_0), SCATTER3_01)
                        .blend(c2.rearrange(SCATTER3_0), SCATTER3_02).intoArray(dst, to);
                c0.rearrange(SCATTER3_1).blend(c1.rearrange(SCATTER3_1), SCATTER3_11)
                        .blend(c2.rearrange(SCATTER3_1), SCATTER3_12).intoArray(dst, to + LANES);
                c0.rearrange(SCATTER3_2).blend(c1.rearrange(SCATTER3_2), SCATTER3_21)
                        .blend(c2.rearrange(SCATTER3_2), SCATTER3_22).intoArray(dst, to + 2 * LANES);
            }
        } else if (dim <= MAX_DIM) {
            BlockMoves moves = MOVES[dim];
            for (int end = SPECIES.loopBound(mul); u < end; u += LANES) {
                int to = dstAt + u * dim;
                for (int v = 0; v < dim; v++) {
                    VectorShuffle<Float> shuffle = moves.scatterShuffles[v];
                    FloatVector out = FloatVector.fromArray(SPECIES, src, srcAt + u).rearrange(shuffle);
                    for (int i = 1; i < dim; i++) {
                        out = out.blend(FloatVector.fromArray(SPECIES, src, srcAt + i * mul + u).rearrange(shuffle),
                                moves.scatterMasks[v][i]);
                    }
                    out.intoArray(dst, to + v * LANES);
                }
            }
        }
        for (; u < mul; u++) {
            for (int i = 0; i < dim; i++) dst[dstAt + u * dim + i] = src[srcAt + i * mul + u];
        }
    }

    /** The shuffles and blend masks of {@link #gather} and {@link #scatter} for one number of components. */
    private static final class BlockMoves {
        /** Component i's lane q reads lane {@code (dim·q + i) mod LANES} of source vector {@code (dim·q + i) / LANES}. */
        final VectorShuffle<Float>[] gatherShuffles;
        final VectorMask<Float>[][] gatherMasks;
        /** Output vector v's lane p reads lane {@code (LANES·v + p) / dim} of component {@code (LANES·v + p) mod dim}. */
        final VectorShuffle<Float>[] scatterShuffles;
        final VectorMask<Float>[][] scatterMasks;

        @SuppressWarnings("unchecked")
        BlockMoves(int dim) {
            gatherShuffles = new VectorShuffle[dim];
            gatherMasks = new VectorMask[dim][dim];
            scatterShuffles = new VectorShuffle[dim];
            scatterMasks = new VectorMask[dim][dim];
            int[] lanes = new int[LANES];
            boolean[] selected = new boolean[LANES];
            for (int i = 0; i < dim; i++) {
                for (int q = 0; q < LANES; q++) lanes[q] = (dim * q + i) % LANES;
                gatherShuffles[i] = VectorShuffle.fromArray(SPECIES, lanes, 0);
                for (int v = 0; v < dim; v++) {
                    for (int q = 0; q < LANES; q++) selected[q] = (dim * q + i) / LANES == v;
                    gatherMasks[i][v] = VectorMask.fromArray(SPECIES, selected, 0);
                }
            }
            for (int v = 0; v < dim; v++) {
                for (int p = 0; p < LANES; p++) lanes[p] = (LANES * v + p) / dim;
                scatterShuffles[v] = VectorShuffle.fromArray(SPECIES, lanes, 0);
                for (int i = 0; i < dim; i++) {
                    for (int p = 0; p < LANES; p++) selected[p] = (LANES * v + p) % dim == i;
                    scatterMasks[v][i] = VectorMask.fromArray(SPECIES, selected, 0);
                }
            }
        }
    }
}
