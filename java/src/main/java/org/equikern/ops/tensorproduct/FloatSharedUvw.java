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
 * The float32 forward and backward passes of a plan whose every path is a weighted {@code uvw} with weights
 * shared by the batch and one input-2 channel (fully connected products of features and edge
 * attributes, as {@code fctp_uvw_*}), computed in float: per block of {@link #SAMPLES} samples and
 * per path, {@code z[s][u][k] = Σ_i M_ik x1[s][u][i]} with the path's couplings
 * {@code M_ik = Σ_j C_ijk x2[s][j]} (summed in double, used in float), then the GEMM
 * {@code out[s][w][k] += Σ_u z[s][u][k] W[u][w]} through {@link ChannelMix}. The backward pass forms
 * {@code gz = gOut·Wᵀ} and the weight gradient {@code Σ z·gOut} the same way (the latter summed in
 * double per chunk) and reverses the couplings. Blocks of samples run in the executor's chunks on
 * the fork-join pool; outputs and input gradients depend on their own sample only.
 */
final class FloatSharedUvw {
    /** Samples per block: the block's z stays in L2 at 128 channels × 3 components. */
    static final int SAMPLES = 64;

    private final FlatPlan k;
    private final int[] paths;
    /** Most channels of any path's input 1 or output: the backward pass mixes both ways. */
    private final int widest;
    private final int zLength;
    private final ScratchPool<ChannelMix> mixes;
    private final ScratchPool<float[]> zs;
    private final ScratchPool<float[][][]> weightRows;
    private final ScratchPool<float[][][]> transposedRows;

    private FloatSharedUvw(FlatPlan k, int[] paths) {
        this.k = k;
        this.paths = paths;
        int channels = 1, z = 1;
        for (int path : paths) {
            int row = path * PATH_STRIDE;
            channels = Math.max(channels, Math.max(k.paths[row + PATH_IN1_MUL], k.paths[row + PATH_OUT_MUL]));
            z = Math.max(z, Math.multiplyExact(k.paths[row + PATH_IN1_MUL], k.paths[row + PATH_OUT_DIM]));
        }
        this.widest = channels;
        this.zLength = Math.multiplyExact(SAMPLES, z);
        this.mixes = new ScratchPool<>(() -> new ChannelMix(widest, widest));
        this.zs = new ScratchPool<>(() -> new float[zLength]);
        this.weightRows = new ScratchPool<>(() -> rows(PATH_IN1_MUL, PATH_OUT_MUL));
        this.transposedRows = new ScratchPool<>(() -> rows(PATH_OUT_MUL, PATH_IN1_MUL));
    }

    /** Per path, a matrix of the sizes in the path-table columns {@code height} × {@code width}. */
    private float[][][] rows(int height, int width) {
        float[][][] rows = new float[k.pathCount][][];
        for (int path : paths) {
            int row = path * PATH_STRIDE;
            rows[path] = new float[k.paths[row + height]][k.paths[row + width]];
        }
        return rows;
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

    /**
     * Gradients given {@code gradOut}: {@code gradX1} and {@code gradX2} overwritten (either may be
     * null); each chunk c's weight gradient added in double into {@code partials} from
     * {@code c · weightNumel} (null to skip). Arguments already checked.
     */
    void backward(float[] x1, float[] x2, float[] w, float[] gradOut, float[] gradX1, float[] gradX2,
                  double[] partials, BatchChunks chunks) {
        float[][][] transposed = transposedRows.acquire();
        try {
            for (int path : paths) packTransposed(w, path, transposed[path]);
            chunks.run(c -> {
                ChannelMix mix = mixes.acquire();
                float[] z = zs.acquire();
                float[] gz = zs.acquire();
                try {
                    for (int n0 = chunks.start(c); n0 < chunks.end(c); n0 += SAMPLES) {
                        int count = Math.min(SAMPLES, chunks.end(c) - n0);
                        backwardBlock(x1, x2, transposed, gradOut, gradX1, gradX2, partials, c * k.weightNumel, n0,
                                count, mix, z, gz);
                    }
                } finally {
                    zs.release(gz);
                    zs.release(z);
                    mixes.release(mix);
                }
            });
        } finally {
            transposedRows.release(transposed);
        }
    }

    /**
     * One block's gradients, per path: the weight gradient {@code Σ z·gOut} from z as the forward
     * forms it, and {@code gz = gOut·Wᵀ}, from which the input gradients reverse the couplings.
     */
    private void backwardBlock(float[] x1, float[] x2, float[][][] transposed, float[] gradOut, float[] gradX1,
                               float[] gradX2, double[] partials, int partialAt, int n0, int count, ChannelMix mix,
                               float[] z, float[] gz) {
        if (gradX1 != null) Arrays.fill(gradX1, n0 * k.dim1, (n0 + count) * k.dim1, 0f);
        if (gradX2 != null) Arrays.fill(gradX2, n0 * k.dim2, (n0 + count) * k.dim2, 0f);
        for (int path : paths) {
            int row = path * PATH_STRIDE;
            int u1 = k.paths[row + PATH_IN1_MUL], d1 = k.paths[row + PATH_IN1_DIM], mo = k.paths[row + PATH_OUT_MUL];
            int dOut = k.paths[row + PATH_OUT_DIM], zStride = u1 * dOut;
            int gAt = n0 * k.dimOut + k.paths[row + PATH_OUT_OFFSET];
            if (partials != null) {
                Arrays.fill(z, 0, count * zStride, 0f);
                for (int s = 0; s < count; s++) couple(x1, x2, path, n0 + s, u1, d1, dOut, z, s * zStride);
                mix.outer(z, 0, zStride, gradOut, gAt, k.dimOut, u1, mo, count, dOut, 1.0, partials,
                        partialAt + k.paths[row + PATH_WEIGHT_OFFSET]);
            }
            if (gradX1 == null && gradX2 == null) continue;
            Arrays.fill(gz, 0, count * zStride, 0f);
            mix.mix(gradOut, gAt, k.dimOut, transposed[path], mo, u1, gz, 0, zStride, count, dOut);
            for (int s = 0; s < count; s++) uncouple(x1, x2, path, n0 + s, u1, d1, dOut, gz, s * zStride, gradX1, gradX2);
        }
    }

    /**
     * Reverses {@link #couple} for sample n given {@code gz}: {@code gradX1[u][i] += Σ_k M_ik gz[u][k]}
     * and {@code gradX2[j] += Σ_(i,k) C_ijk Σ_u x1[u][i] gz[u][k]} (the channel sum in double).
     */
    private void uncouple(float[] x1, float[] x2, int path, int n, int u1, int d1, int dOut, float[] gz, int zAt,
                          float[] gradX1, float[] gradX2) {
        int row = path * PATH_STRIDE;
        int x1At = n * k.dim1 + k.paths[row + PATH_IN1_OFFSET];
        int x2At = n * k.dim2 + k.paths[row + PATH_IN2_OFFSET];
        int first = k.couplingStart[path];
        for (int q = first; q < first + k.couplingCount[path]; q++) {
            int i = k.couplingIk[2 * q], kk = k.couplingIk[2 * q + 1];
            if (gradX1 != null) {
                float m = (float) coupling(x2, x2At, q);
                for (int u = 0; u < u1; u++) gradX1[x1At + u * d1 + i] += m * gz[zAt + u * dOut + kk];
            }
            if (gradX2 != null) {
                double dot = 0;
                for (int u = 0; u < u1; u++) dot += x1[x1At + u * d1 + i] * gz[zAt + u * dOut + kk];
                for (int t = k.termStart[q]; t < k.termStart[q + 1]; t++) {
                    gradX2[x2At + k.termJ[t]] += (float) (k.termValue[t] * dot);
                }
            }
        }
    }

    /** {@code M_q = Σ_j C_ijk x2[j]} of coupling q, in double. */
    private double coupling(float[] x2, int x2At, int q) {
        double sum = 0;
        for (int t = k.termStart[q]; t < k.termStart[q + 1]; t++) sum += k.termValue[t] * x2[x2At + k.termJ[t]];
        return sum;
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
            float m = (float) coupling(x2, x2At, q);
            int i = k.couplingIk[2 * q], kk = k.couplingIk[2 * q + 1];
            for (int u = 0; u < u1; u++) z[zAt + u * dOut + kk] += m * x1[x1At + u * d1 + i];
        }
    }

    /** The path's weights transposed, {@code Wᵀ[w][u]}, for the gradient of z. */
    private void packTransposed(float[] w, int path, float[][] rows) {
        int row = path * PATH_STRIDE;
        int from = k.paths[row + PATH_WEIGHT_OFFSET];
        int u1 = k.paths[row + PATH_IN1_MUL];
        for (int v = 0; v < rows.length; v++) {
            for (int u = 0; u < u1; u++) rows[v][u] = w[from + u * rows.length + v];
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
