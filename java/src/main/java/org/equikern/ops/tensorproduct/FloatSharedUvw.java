package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equikern.concurrent.ScratchPool;
import org.equikern.gemm.ChannelMix;
import org.equikern.gemm.DenseGemm;
import org.equikern.tp.Mode;

/**
 * The float32 forward and backward passes of a plan whose every path is a weighted {@code uvw} with
 * weights shared by the batch and one input-2 channel (fully connected products of features and edge
 * attributes, as {@code fctp_uvw_*}), computed in float. Per block of {@link #SAMPLES} samples, x1
 * is turned component-major ({@link ChannelRows}); per output block ({@link UvwSegment}) the
 * coupled inputs {@code z[s][kk][u] = Σ_i M_ik x1[s][u][i]} (couplings {@code M_ik = Σ_j C_ijk x2[s][j]}
 * summed in double once per block, used in float) fill the dense rows of one {@link DenseGemm}
 * {@code out[s][kk][w] = Σ_u z[s][kk][u] W[u][w]} whose depth spans all paths into that block, so
 * nothing is packed per block and each output is written once. The weights are stacked once per
 * call. The backward pass forms {@code gz = gOut·Wᵀ} and the weight gradient {@code zᵀ·gOut} as
 * GEMMs on the same rows (the latter summed in float until it holds at least
 * {@link ChannelMix#FLUSH_ROWS} rows, i.e. fewer than that plus one block's, then in double per chunk) and reverses the couplings with unit-stride loops over channels.
 * Blocks of samples run in chunks on the fork-join pool, split by the batch size only; outputs and
 * input gradients depend on their own sample only.
 */
final class FloatSharedUvw {
    /**
     * Samples per block: a block's rows of z, its output rows and the stacked weights (about 0.4 MB at
     * fctp_uvw_128) stay in L2; 64 ran forward+backward about 15% faster than 32 in CPU time.
     */
    static final int SAMPLES = 64;
    /**
     * Samples per chunk of the backward pass: a multiple of {@link #SAMPLES} large enough that the
     * per-chunk double partials of the weight gradient (and their sum) stay small against the GEMMs.
     */
    static final int BACKWARD_SAMPLES = 4 * SAMPLES;

    private final FlatPlan k;
    private final UvwSegment[] segments;
    /** The x1 blocks the paths read: offset, channels and components each. */
    private final int[][] inputBlocks;
    /** Whether the paths read every x1 block and write every output block (else the rest is zeroed). */
    private final boolean readsAllInputs;
    private final boolean writesAllOutputs;
    private final DenseGemm gemm;
    private final ScratchPool<Scratch> scratch;
    private final ScratchPool<float[][]> stacked;

    private FloatSharedUvw(FlatPlan k, int[] paths) {
        this.k = k;
        this.segments = UvwSegment.of(k, paths);
        this.inputBlocks = inputBlocks(k, paths);
        int read = 0, written = 0;
        for (int[] block : inputBlocks) read += block[1] * block[2];
        for (UvwSegment segment : segments) written += segment.outMul * segment.outDim;
        this.readsAllInputs = read == k.dim1;
        this.writesAllOutputs = written == k.dimOut;
        this.gemm = new DenseGemm();
        this.scratch = new ScratchPool<>(() -> new Scratch(k, segments));
        this.stacked = new ScratchPool<>(() -> {
            float[][] weights = new float[segments.length][];
            for (int g = 0; g < segments.length; g++) {
                weights[g] = new float[Math.multiplyExact(segments[g].depth, segments[g].outMul)];
            }
            return weights;
        });
    }

    private static int[][] inputBlocks(FlatPlan k, int[] paths) {
        Map<Integer, int[]> byOffset = new LinkedHashMap<>();
        for (int path : paths) {
            int row = path * PATH_STRIDE;
            byOffset.putIfAbsent(k.paths[row + PATH_IN1_OFFSET], new int[] {k.paths[row + PATH_IN1_OFFSET],
                k.paths[row + PATH_IN1_MUL], k.paths[row + PATH_IN1_DIM]});
        }
        return byOffset.values().toArray(new int[0][]);
    }

    /** The float route for {@code k}, or null when some path is not a shared, weighted uvw with couplings. */
    static FloatSharedUvw of(FlatPlan k) {
        if (!k.sharedWeights || k.weightNumel == 0) return null;
        int[] used = new int[k.pathCount];
        int count = 0;
        for (int path = 0; path < k.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (k.paths[row + PATH_PAIR_COUNT] == 0) continue;
            boolean mixed = k.paths[row + PATH_TARGET] == Mode.Target.MIXED.ordinal();
            if (!mixed || k.paths[row + PATH_HAS_WEIGHT] != 1 || k.couplingStart[path] < 0) return null;
            used[count++] = path;
        }
        return count == 0 ? null : new FloatSharedUvw(k, Arrays.copyOf(used, count));
    }

    /** The chunks of a backward pass on {@code batch} samples: the caller sizes its weight partials by them. */
    static BatchChunks backwardChunks(int batch) {
        return BatchChunks.ofSamples(batch, BACKWARD_SAMPLES);
    }

    /** {@code out = TP(x1, x2, w)} for {@code batch} samples; arguments already checked. */
    void forward(float[] x1, float[] x2, float[] w, float[] out, int batch) {
        BatchChunks chunks = BatchChunks.ofSamples(batch, SAMPLES);
        float[][] weights = stacked.acquire();
        try {
            for (int g = 0; g < segments.length; g++) segments[g].pack(w, weights[g]);
            chunks.run(scratch, (c, s) -> {
                for (int n0 = chunks.start(c); n0 < chunks.end(c); n0 += SAMPLES) {
                    forwardBlock(x1, x2, weights, out, n0, Math.min(SAMPLES, chunks.end(c) - n0), s);
                }
            });
        } finally {
            stacked.release(weights);
        }
    }

    private void forwardBlock(float[] x1, float[] x2, float[][] weights, float[] out, int n0, int count, Scratch s) {
        if (!writesAllOutputs) Arrays.fill(out, n0 * k.dimOut, (n0 + count) * k.dimOut, 0f);
        gatherInputs(x1, n0, count, s.xt);
        for (int g = 0; g < segments.length; g++) {
            UvwSegment segment = segments[g];
            couplingsBlock(segment, x2, n0, count, s);
            coupleBlock(segment, count, s);
            gemm.multiply(s.z, weights[g], s.rows, count * segment.outDim, segment.depth, segment.outMul);
            for (int i = 0; i < count; i++) {
                ChannelRows.scatter(s.rows, i * segment.outDim * segment.outMul, segment.outMul, segment.outDim,
                        out, (n0 + i) * k.dimOut + segment.outOffset);
            }
        }
    }

    /**
     * Gradients given {@code gradOut}: {@code gradX1} and {@code gradX2} overwritten (either may be
     * null); each chunk c's weight gradient added in double into {@code partials} from
     * {@code c · weightNumel} (null to skip). {@code chunks} from {@link #backwardChunks}; arguments
     * already checked.
     */
    void backward(float[] x1, float[] x2, float[] w, float[] gradOut, float[] gradX1, float[] gradX2,
                  double[] partials, BatchChunks chunks) {
        boolean inputs = gradX1 != null || gradX2 != null;
        float[][] transposed = stacked.acquire();
        try {
            if (inputs) {
                for (int g = 0; g < segments.length; g++) segments[g].packTransposed(w, transposed[g]);
            }
            chunks.run(scratch, (c, s) -> {
                s.clearWeightGradient();
                for (int n0 = chunks.start(c); n0 < chunks.end(c); n0 += SAMPLES) {
                    int count = Math.min(SAMPLES, chunks.end(c) - n0);
                    backwardBlock(x1, x2, transposed, gradOut, gradX1, gradX2, partials, c * k.weightNumel, n0,
                            count, s);
                }
                if (partials == null) return;
                for (int g = 0; g < segments.length; g++) {
                    if (s.pendingRows[g] > 0) segments[g].flush(s.partial[g], partials, c * k.weightNumel);
                }
            });
        } finally {
            stacked.release(transposed);
        }
    }

    /**
     * One block's gradients, per output block: the weight gradient {@code zᵀ·gOut} from z as the
     * forward forms it, and {@code gz = gOut·Wᵀ}, from which the input gradients reverse the couplings.
     */
    private void backwardBlock(float[] x1, float[] x2, float[][] transposed, float[] gradOut, float[] gradX1,
                               float[] gradX2, double[] partials, int partialAt, int n0, int count, Scratch s) {
        gatherInputs(x1, n0, count, s.xt);
        if (gradX1 != null) Arrays.fill(s.gxt, 0, count * k.dim1, 0f);
        if (gradX2 != null) Arrays.fill(gradX2, n0 * k.dim2, (n0 + count) * k.dim2, 0f);
        for (int g = 0; g < segments.length; g++) {
            UvwSegment segment = segments[g];
            int rows = count * segment.outDim;
            for (int i = 0; i < count; i++) {
                ChannelRows.gather(gradOut, (n0 + i) * k.dimOut + segment.outOffset, segment.outMul,
                        segment.outDim, s.rows, i * segment.outDim * segment.outMul);
            }
            couplingsBlock(segment, x2, n0, count, s);
            if (partials != null) {
                coupleBlock(segment, count, s);
                gemm.multiplyTransposedA(s.z, s.rows, s.partial[g], rows, segment.depth, segment.outMul);
                s.pendingRows[g] += rows;
                if (s.pendingRows[g] >= ChannelMix.FLUSH_ROWS) {
                    segment.flush(s.partial[g], partials, partialAt);
                    s.pendingRows[g] = 0;
                }
            }
            if (gradX1 == null && gradX2 == null) continue;
            gemm.multiply(s.rows, transposed[g], s.z, rows, segment.outMul, segment.depth);
            int sampleRows = segment.sampleRows();
            for (int i = 0; i < count; i++) {
                segment.uncouple(s.xt, i * k.dim1, s.m, i * s.couplings, (n0 + i) * k.dim2, s.z, i * sampleRows,
                        gradX1 == null ? null : s.gxt, gradX2);
            }
        }
        if (gradX1 != null) scatterInputGradient(s.gxt, gradX1, n0, count);
    }

    /** The segment's couplings of samples n0.. into {@code s.m}, {@link Scratch#couplings} floats a sample. */
    private void couplingsBlock(UvwSegment segment, float[] x2, int n0, int count, Scratch s) {
        for (int i = 0; i < count; i++) segment.couplings(x2, (n0 + i) * k.dim2, s.m, i * s.couplings);
    }

    /** Rows of z for samples n0.. of the block (each sample {@code outDim} rows of {@code depth}). */
    private void coupleBlock(UvwSegment segment, int count, Scratch s) {
        int sampleRows = segment.sampleRows();
        for (int i = 0; i < count; i++) segment.couple(s.xt, i * k.dim1, s.m, i * s.couplings, s.z, i * sampleRows);
    }

    /** Samples n0.. of x1, the blocks the paths read, component-major into {@code xt} (dim1 floats a sample). */
    private void gatherInputs(float[] x1, int n0, int count, float[] xt) {
        for (int i = 0; i < count; i++) {
            for (int[] block : inputBlocks) {
                ChannelRows.gather(x1, (n0 + i) * k.dim1 + block[0], block[1], block[2], xt, i * k.dim1 + block[0]);
            }
        }
    }

    /** The component-major input gradient {@code gxt} back into e3nn's layout, zero where no path reads. */
    private void scatterInputGradient(float[] gxt, float[] gradX1, int n0, int count) {
        if (!readsAllInputs) Arrays.fill(gradX1, n0 * k.dim1, (n0 + count) * k.dim1, 0f);
        for (int i = 0; i < count; i++) {
            for (int[] block : inputBlocks) {
                ChannelRows.scatter(gxt, i * k.dim1 + block[0], block[1], block[2], gradX1,
                        (n0 + i) * k.dim1 + block[0]);
            }
        }
    }

    /** One thread's block scratch; the weight-gradient sums carry over the blocks of one chunk. */
    private static final class Scratch {
        /** Component-major x1 and its gradient, {@link #SAMPLES} × dim1. */
        final float[] xt;
        final float[] gxt;
        /** The GEMM's A rows: z in the forward pass, z or gz in the backward pass. */
        final float[] z;
        /** The output rows, or the output gradient's. */
        final float[] rows;
        /** Per segment, the float weight-gradient sums and the rows they hold since the last flush. */
        final float[][] partial;
        final int[] pendingRows;
        /** The block's couplings M, {@link #couplings} (all of the plan's) a sample. */
        final float[] m;
        final int couplings;

        Scratch(FlatPlan k, UvwSegment[] segments) {
            int zLength = 0, rowsLength = 0;
            partial = new float[segments.length][];
            for (int g = 0; g < segments.length; g++) {
                UvwSegment segment = segments[g];
                zLength = Math.max(zLength, Math.multiplyExact(SAMPLES, segment.sampleRows()));
                rowsLength = Math.max(rowsLength, Math.multiplyExact(SAMPLES, segment.outDim * segment.outMul));
                partial[g] = new float[Math.multiplyExact(segment.depth, segment.outMul)];
            }
            xt = new float[Math.multiplyExact(SAMPLES, k.dim1)];
            gxt = new float[xt.length];
            z = new float[zLength];
            rows = new float[rowsLength];
            pendingRows = new int[segments.length];
            couplings = k.couplingIk.length / 2;
            m = new float[Math.multiplyExact(SAMPLES, couplings)];
        }

        /** Zero sums before a chunk (a chunk that failed may have left some). */
        void clearWeightGradient() {
            for (float[] sums : partial) Arrays.fill(sums, 0f);
            Arrays.fill(pendingRows, 0);
        }
    }
}
