package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uvw paths of a {@link FloatSharedUvw} plan that write one output block, multiplied as one
 * GEMM: per sample and output component kk, row kk of z concatenates every path's coupled input
 * channels {@code Σ_i M_(i,kk) x1[u][i]} (the GEMM's {@link #depth}), and the paths' weights
 * {@code W[u][w]} stack into one {@code depth × outMul} matrix, so the block's output is written
 * once. All layouts are component-major ({@link ChannelRows}): the inner loops run over channels.
 */
final class UvwSegment {
    /** Where the output block starts in a sample, its channels and its components. */
    final int outOffset;
    final int outMul;
    final int outDim;
    /** The GEMM's depth: the input channels of all paths. */
    final int depth;

    private final FlatPlan k;
    private final int[] paths;
    /** Path p's first column in a row of z. */
    private final int[] columns;
    /** Path p's couplings (indices into the plan's coupling table) that write output component kk. */
    private final int[][][] couplingsByComponent;

    private UvwSegment(FlatPlan k, int[] paths) {
        this.k = k;
        this.paths = paths;
        int row = paths[0] * PATH_STRIDE;
        this.outOffset = k.paths[row + PATH_OUT_OFFSET];
        this.outMul = k.paths[row + PATH_OUT_MUL];
        this.outDim = k.paths[row + PATH_OUT_DIM];
        this.columns = new int[paths.length];
        this.couplingsByComponent = new int[paths.length][][];
        int width = 0;
        for (int p = 0; p < paths.length; p++) {
            columns[p] = width;
            width = Math.addExact(width, k.paths[paths[p] * PATH_STRIDE + PATH_IN1_MUL]);
            couplingsByComponent[p] = couplingsByComponent(paths[p]);
        }
        this.depth = width;
    }

    /** The segments of {@code paths}, one per output block, in the order the blocks first appear. */
    static UvwSegment[] of(FlatPlan k, int[] paths) {
        Map<Integer, List<Integer>> byOutput = new LinkedHashMap<>();
        for (int path : paths) {
            byOutput.computeIfAbsent(k.paths[path * PATH_STRIDE + PATH_OUT_OFFSET], o -> new ArrayList<>()).add(path);
        }
        return byOutput.values().stream()
                .map(group -> new UvwSegment(k, group.stream().mapToInt(Integer::intValue).toArray()))
                .toArray(UvwSegment[]::new);
    }

    private int[][] couplingsByComponent(int path) {
        int[][] byComponent = new int[outDim][0];
        int first = k.couplingStart[path];
        for (int q = first; q < first + k.couplingCount[path]; q++) {
            int kk = k.couplingIk[2 * q + 1];
            byComponent[kk] = Arrays.copyOf(byComponent[kk], byComponent[kk].length + 1);
            byComponent[kk][byComponent[kk].length - 1] = q;
        }
        return byComponent;
    }

    /** Floats of one sample's rows of z: {@code outDim × depth}. */
    int sampleRows() {
        return Math.multiplyExact(outDim, depth);
    }

    /**
     * One sample's couplings {@code M_q = Σ_j C_ijk x2[j]} of the paths (summed in double), from its x2
     * at {@code x2At}, into {@code m[mAt + q]} (q the index in the plan's coupling table).
     */
    void couplings(float[] x2, int x2At, float[] m, int mAt) {
        for (int path : paths) {
            int x2Block = x2At + k.paths[path * PATH_STRIDE + PATH_IN2_OFFSET];
            int first = k.couplingStart[path];
            for (int q = first; q < first + k.couplingCount[path]; q++) {
                double sum = 0;
                for (int t = k.termStart[q]; t < k.termStart[q + 1]; t++) {
                    sum += k.termValue[t] * x2[x2Block + k.termJ[t]];
                }
                m[mAt + q] = (float) sum;
            }
        }
    }

    /**
     * One sample's rows of z from {@code zAt} (overwritten): {@code z[kk][column + u] = Σ_i M_(i,kk) xt[i][u]}
     * per path, with {@code xt} the sample's component-major x1 from {@code xtAt} and its couplings
     * from {@code mAt} ({@link #couplings}).
     */
    void couple(float[] xt, int xtAt, float[] m, int mAt, float[] z, int zAt) {
        for (int p = 0; p < paths.length; p++) {
            int row = paths[p] * PATH_STRIDE;
            int u1 = k.paths[row + PATH_IN1_MUL];
            int x1Block = xtAt + k.paths[row + PATH_IN1_OFFSET];
            for (int kk = 0; kk < outDim; kk++) {
                int to = zAt + kk * depth + columns[p];
                int[] couplings = couplingsByComponent[p][kk];
                if (couplings.length == 0) {
                    Arrays.fill(z, to, to + u1, 0f);
                    continue;
                }
                // The first coupling assigns, so z needs no zero fill.
                                int from = x1Block + k.couplingIk[2 * couplings[0]] * u1;
                ChannelRows.scale(m[mAt + couplings[0]], xt, from, z, to, u1);
                for (int c = 1; c < couplings.length; c++) {
                    ChannelRows.axpy(m[mAt + couplings[c]], xt, x1Block + k.couplingIk[2 * couplings[c]] * u1, z, to, u1);
                }
            }
        }
    }

    /**
     * Reverses {@link #couple} for one sample given its rows of {@code gz = ∂L/∂z} from {@code gzAt}:
     * {@code gxt[i][u] += Σ_kk M_(i,kk) gz[kk][u]} (component-major, at the same offsets as xt; null
     * to skip) and {@code gradX2[j] += Σ_(i,kk) C_(i,j,kk) Σ_u xt[i][u] gz[kk][u]} (from {@code x2At};
     * null to skip), with the sample's couplings from {@code mAt}.
     */
    void uncouple(float[] xt, int xtAt, float[] m, int mAt, int x2At, float[] gz, int gzAt, float[] gxt,
                  float[] gradX2) {
        for (int p = 0; p < paths.length; p++) {
            int row = paths[p] * PATH_STRIDE;
            int u1 = k.paths[row + PATH_IN1_MUL];
            int x1Block = xtAt + k.paths[row + PATH_IN1_OFFSET];
            int x2Block = x2At + k.paths[row + PATH_IN2_OFFSET];
            for (int kk = 0; kk < outDim; kk++) {
                int from = gzAt + kk * depth + columns[p];
                for (int q : couplingsByComponent[p][kk]) {
                    int at = x1Block + k.couplingIk[2 * q] * u1;
                    if (gxt != null) {
                        ChannelRows.axpy(m[mAt + q], gz, from, gxt, at, u1);
                    }
                    if (gradX2 != null) {
                        double dot = ChannelRows.dot(xt, at, gz, from, u1);
                        for (int t = k.termStart[q]; t < k.termStart[q + 1]; t++) {
                            gradX2[x2Block + k.termJ[t]] += (float) (k.termValue[t] * dot);
                        }
                    }
                }
            }
        }
    }

    /** The paths' weights stacked: row {@code column + u} of {@code b} holds path p's {@code W[u][·]}. */
    void pack(float[] w, float[] b) {
        for (int p = 0; p < paths.length; p++) {
            int row = paths[p] * PATH_STRIDE;
            int from = k.paths[row + PATH_WEIGHT_OFFSET];
            for (int u = 0; u < k.paths[row + PATH_IN1_MUL]; u++) {
                System.arraycopy(w, from + u * outMul, b, (columns[p] + u) * outMul, outMul);
            }
        }
    }

    /** The stacked weights transposed, {@code outMul × depth}: for {@code gz = gOut · Wᵀ}. */
    void packTransposed(float[] w, float[] bt) {
        for (int p = 0; p < paths.length; p++) {
            int row = paths[p] * PATH_STRIDE;
            int from = k.paths[row + PATH_WEIGHT_OFFSET];
            int u1 = k.paths[row + PATH_IN1_MUL];
            for (int j = 0; j < outMul; j++) {
                int to = j * depth + columns[p];
                for (int u = 0; u < u1; u++) bt[to + u] = w[from + u * outMul + j];
            }
        }
    }

    /**
     * Adds the float weight-gradient sums {@code partial} (stacked as {@link #pack}) into the double
     * {@code partials} from {@code at} in the plan's weight layout, and zeroes {@code partial}.
     */
    void flush(float[] partial, double[] partials, int at) {
        for (int p = 0; p < paths.length; p++) {
            int row = paths[p] * PATH_STRIDE;
            int to = at + k.paths[row + PATH_WEIGHT_OFFSET];
            int from = columns[p] * outMul;
            int length = k.paths[row + PATH_IN1_MUL] * outMul;
            for (int q = 0; q < length; q++) partials[to + q] += partial[from + q];
        }
        Arrays.fill(partial, 0, depth * outMul, 0f);
    }
}
