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
     * holds that float (dim shuffles and dim - 1 blends per vector out; a gather instruction per vector
     * measured 10× slower).
     */
    static void gather(float[] src, int srcAt, int mul, int dim, float[] dst, int dstAt) {
        int u = 0;
        if (dim <= MAX_DIM) {
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
        if (dim <= MAX_DIM) {
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
