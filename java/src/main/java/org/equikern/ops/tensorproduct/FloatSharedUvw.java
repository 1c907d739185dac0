package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.Arrays;
import org.equikern.concurrent.ScratchPool;
import org.equikern.gemm.ChannelMix;
import org.equikern.tp.Mode;

/**
 * The float32 forward pass of a plan whose every path is a weighted {@code uvw} with weights
 * shared by the batch and one input-2 channel (fully connected products of features and edge
 * attributes, as {@code fctp_uvw_*}), computed in float: per block of {@link #SAMPLES} samples and
 * per path, {@code z[s][u][k] = Σ_i M_ik x1[s][u][i]} with the path's couplings
 * {@code M_ik = Σ_j C_ijk x2[s][j]} (summed in double, used in float), then the GEMM
 * {@code out[s][w][k] += Σ_u z[s][u][k] W[u][w]} through {@link ChannelMix}. Blocks of samples run
 * in the executor's chunks on the fork-join pool; every output depends on its own sample only.
 */
final class FloatSharedUvw {
    /** Samples per block: the block's z stays in L2 at 128 channels × 3 components. */
    static final int SAMPLES = 64;

    private final FlatPlan k;
    private final int[] paths;
    private final int maxIn;
    private final int maxOut;
    private final int zLength;
    private final ScratchPool<ChannelMix> mixes;
    private final ScratchPool<float[]> zs;
    private final ScratchPool<float[][][]> weightRows;

    private FloatSharedUvw(FlatPlan k, int[] paths) {
        this.k = k;
        this.paths = paths;
        int in = 1, out = 1, z = 1;
        for (int path : paths) {
            int row = path * PATH_STRIDE;
            in = Math.max(in, k.paths[row + PATH_IN1_MUL]);
            out = Math.max(out, k.paths[row + PATH_OUT_MUL]);
            z = Math.max(z, Math.multiplyExact(k.paths[row + PATH_IN1_MUL], k.paths[row + PATH_OUT_DIM]));
        }
        this.maxIn = in;
        this.maxOut = out;
        this.zLength = Math.multiplyExact(SAMPLES, z);
        this.mixes = new ScratchPool<>(() -> new ChannelMix(maxIn, maxOut));
        this.zs = new ScratchPool<>(() -> new float[zLength]);
        this.weightRows = new ScratchPool<>(() -> {
            float[][][] rows = new float[k.pathCount][][];
            for (int path : paths) {
                int row = path * PATH_STRIDE;
                rows[path] = new float[k.paths[row + PATH_IN1_MUL]][k.paths[row + PATH_OUT_MUL]];
            }
            return rows;
        });
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

    /** {@code out = TP(x1, x2, w)} for the samples of {@code chunks}; arguments already checked. */
    void forward(float[] x1, float[] x2, float[] w, float[] out, BatchChunks chunks) {
        float[][][] rows = weightRows.acquire();
        try {
            for (int path : paths) pack(w, path, rows[path]);
            chunks.run(c -> {
                ChannelMix mix = mixes.acquire();
                float[] z = zs.acquire();
                try {
                    for (int n0 = chunks.start(c); n0 < chunks.end(c); n0 += SAMPLES) {
                        block(x1, x2, rows, out, n0, Math.min(SAMPLES, chunks.end(c) - n0), mix, z);
                    }
                } finally {
                    zs.release(z);
                    mixes.release(mix);
                }
            });
        } finally {
            weightRows.release(rows);
        }
    }

    private void block(float[] x1, float[] x2, float[][][] rows, float[] out, int n0, int count, ChannelMix mix,
                       float[] z) {
        Arrays.fill(out, n0 * k.dimOut, (n0 + count) * k.dimOut, 0f);
        for (int path : paths) {
            int row = path * PATH_STRIDE;
            int u1 = k.paths[row + PATH_IN1_MUL], d1 = k.paths[row + PATH_IN1_DIM];
            int dOut = k.paths[row + PATH_OUT_DIM], zStride = u1 * dOut;
            Arrays.fill(z, 0, count * zStride, 0f);
            for (int s = 0; s < count; s++) couple(x1, x2, path, n0 + s, u1, d1, dOut, z, s * zStride);
            mix.mix(z, 0, zStride, rows[path], u1, k.paths[row + PATH_OUT_MUL], out,
                    n0 * k.dimOut + k.paths[row + PATH_OUT_OFFSET], k.dimOut, count, dOut);
        }
    }

    /** {@code z[u][kk] += M_(i,kk) · x1[n][u][i]} over the path's couplings, sample n's z from {@code zAt}. */
    private void couple(float[] x1, float[] x2, int path, int n, int u1, int d1, int dOut, float[] z, int zAt) {
        int row = path * PATH_STRIDE;
        int x1At = n * k.dim1 + k.paths[row + PATH_IN1_OFFSET];
        int x2At = n * k.dim2 + k.paths[row + PATH_IN2_OFFSET];
        int first = k.couplingStart[path];
        for (int q = first; q < first + k.couplingCount[path]; q++) {
            double sum = 0;
            for (int t = k.termStart[q]; t < k.termStart[q + 1]; t++) sum += k.termValue[t] * x2[x2At + k.termJ[t]];
            float m = (float) sum;
            int i = k.couplingIk[2 * q], kk = k.couplingIk[2 * q + 1];
            for (int u = 0; u < u1; u++) z[zAt + u * dOut + kk] += m * x1[x1At + u * d1 + i];
        }
    }

    /** The path's weights {@code W[u][w]} as rows. */
    private void pack(float[] w, int path, float[][] rows) {
        int row = path * PATH_STRIDE;
        int from = k.paths[row + PATH_WEIGHT_OFFSET];
        int mo = k.paths[row + PATH_OUT_MUL];
        for (int u = 0; u < rows.length; u++) System.arraycopy(w, from + u * mo, rows[u], 0, mo);
    }
}
