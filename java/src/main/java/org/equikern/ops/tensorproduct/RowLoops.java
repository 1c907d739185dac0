package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;

import java.util.Arrays;

/**
 * A block of samples of a plan whose paths all have one input-2 channel ({@link RowPlan}), in
 * float64 on rows. Per path the couplings {@code M_ik = Σ_j C_ijk x2_j} are formed once, then
 * <ul>
 *   <li>uvu: {@code out[k][u] += w[u] · Σ_i M_ik x1[i][u]};</li>
 *   <li>uvw: {@code z[k][u] = Σ_i M_ik x1[i][u]}, then {@code out[k][w] += Σ_u z[k][u] W[u][w]}.</li>
 * </ul>
 * The backward pass forms the gradient {@code gz} of z (uvu: {@code w · gOut}; uvw: {@code gOut ·
 * Wᵀ} from transposed weight rows) and reverses the coupling. Stateless; callers own the scratch.
 */
final class RowLoops {
    private RowLoops() {
    }

    /**
     * Adds every path of samples (slots) 0..count-1 into {@code s.out} (zeroed by the caller).
     * {@code w}: weight rows per slot (null without weights).
     */
    static void forward(RowPlan rp, double[][][] w, int count, RowScratch s) {
        FlatPlan k = rp.kernel;
        for (int path = 0; path < k.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (k.paths[row + PATH_PAIR_COUNT] == 0) continue;
            for (int b = 0; b < count; b++) couplings(k, path, s.x2[b], s.m[b]);
            if (rp.mixed[path]) {
                int d1 = k.paths[row + PATH_IN1_DIM], dOut = k.paths[row + PATH_OUT_DIM];
                if (d1 < dOut) {
                    // Weights first (e3nn's einsum order here): d1 instead of dOut passes over them.
                    int mo = k.paths[row + PATH_OUT_MUL], first = k.couplingStart[path];
                    for (int b = 0; b < count; b++) {
                        for (int i = 0; i < d1; i++) Arrays.fill(s.gz[b][i], 0, mo, 0.0);
                    }
                    mix(rp, path, s.x1, rp.in1Row[path], d1, w[0], s.gz, 0, count);
                    for (int b = 0; b < count; b++) {
                        for (int q = 0; q < k.couplingCount[path]; q++) {
                            axpy(s.out[b][rp.outRow[path] + k.couplingIk[2 * (first + q) + 1]], s.m[b][q],
                                    s.gz[b][k.couplingIk[2 * (first + q)]], mo);
                        }
                    }
                } else {
                    for (int b = 0; b < count; b++) couple(rp, path, s.x1[b], s.m[b], s.z[b]);
                    mix(rp, path, s.z, 0, dOut, w[0], s.out, rp.outRow[path], count);
                }
                continue;
            }
            boolean weighted = k.paths[row + PATH_HAS_WEIGHT] == 1;
            int first = k.couplingStart[path];
            for (int b = 0; b < count; b++) {
                double[][] x = s.x1[b];
                int x0 = rp.in1Row[path];
                if (weighted) {
                    // Weighting x1 once costs d1 passes over u instead of one per coupling.
                    double[] wr = w[b][rp.weightRow[path]];
                    for (int i = 0; i < k.paths[row + PATH_IN1_DIM]; i++) {
                        double[] xi = x[x0 + i], ti = s.z[b][i];
                        for (int u = 0; u < wr.length; u++) ti[u] = wr[u] * xi[u];
                    }
                    x = s.z[b];
                    x0 = 0;
                }
                double[][] out = s.out[b];
                for (int q = 0; q < k.couplingCount[path]; q++) {
                    double[] xi = x[x0 + k.couplingIk[2 * (first + q)]];
                    double[] ok = out[rp.outRow[path] + k.couplingIk[2 * (first + q) + 1]];
                    double m = s.m[b][q];
                    for (int u = 0; u < ok.length; u++) ok[u] += m * xi[u];
                }
            }
        }
    }

    /**
     * Gradients of slots 0..count-1 given {@code s.gradOut}: adds into {@code s.gradX1} (when
     * {@code inputs}) and {@code s.gradX2} (when {@code inputs} and {@code x2}: a force-training step asks
     * for x1's gradient alone three times per convolution, and x2's costs as much again) and into
     * weight-gradient rows {@code gw} per slot (null to skip; shared weights pass the same rows in every slot,
     * which uvw reads from slot 0). {@code wt}: transposed weight rows (uvw).
     */
    static void backward(RowPlan rp, double[][][] w, double[][] wt, double[][][] gw, boolean inputs, boolean x2,
                         int count, RowScratch s) {
        FlatPlan k = rp.kernel;
        for (int path = 0; path < k.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (k.paths[row + PATH_PAIR_COUNT] == 0) continue;
            for (int b = 0; b < count; b++) couplings(k, path, s.x2[b], s.m[b]);
            boolean weighted = k.paths[row + PATH_HAS_WEIGHT] == 1;
            int m1 = k.paths[row + PATH_IN1_MUL], dOut = k.paths[row + PATH_OUT_DIM];
            int o = rp.outRow[path];
            if (rp.mixed[path]) {
                if (gw != null) {
                    for (int b = 0; b < count; b++) couple(rp, path, s.x1[b], s.m[b], s.z[b]);
                    weightGradient(rp, path, gw[0], count, s);
                }
                if (!inputs) continue;
                zGradient(rp, path, wt, count, s);
                for (int b = 0; b < count; b++) inputGradients(rp, path, b, s.gz[b], 0, x2, s);
                continue;
            }
            int first = k.couplingStart[path];
            for (int b = 0; b < count; b++) {
                double[][] g = s.gradOut[b];
                if (gw != null && weighted) {
                    double[] gwr = gw[b][rp.weightRow[path]];
                    for (int q = 0; q < k.couplingCount[path]; q++) {
                        double[] xi = s.x1[b][rp.in1Row[path] + k.couplingIk[2 * (first + q)]];
                        double[] gk = g[o + k.couplingIk[2 * (first + q) + 1]];
                        double m = s.m[b][q];
                        for (int u = 0; u < gwr.length; u++) gwr[u] += m * xi[u] * gk[u];
                    }
                }
                if (!inputs) continue;
                if (weighted) {
                    double[] wr = w[b][rp.weightRow[path]];
                    for (int kk = 0; kk < dOut; kk++) {
                        double[] gk = g[o + kk], zk = s.gz[b][kk];
                        for (int u = 0; u < wr.length; u++) zk[u] = wr[u] * gk[u];
                    }
                    inputGradients(rp, path, b, s.gz[b], 0, x2, s);
                } else {
                    inputGradients(rp, path, b, g, o, x2, s);
                }
            }
        }
    }

    /** {@code z[k][u] = Σ_i M_ik x1[i][u]} into the first dOut rows of {@code z}. */
    private static void couple(RowPlan rp, int path, double[][] x1, double[] m, double[][] z) {
        FlatPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL];
        for (int kk = 0; kk < k.paths[row + PATH_OUT_DIM]; kk++) Arrays.fill(z[kk], 0, m1, 0.0);
        int first = k.couplingStart[path];
        for (int q = 0; q < k.couplingCount[path]; q++) {
            double[] xi = x1[rp.in1Row[path] + k.couplingIk[2 * (first + q)]];
            double[] zk = z[k.couplingIk[2 * (first + q) + 1]];
            double mq = m[q];
            for (int u = 0; u < m1; u++) zk[u] += mq * xi[u];
        }
    }

    /**
     * {@code dst[b][d0 + r][w] += Σ_u src[b][s0 + r][u] W[u][w]} for rows r &lt; rows of every slot b;
     * weight rows stay in L1 across the block.
     */
    private static void mix(RowPlan rp, int path, double[][][] src, int s0, int rows, double[][] w,
                            double[][][] dst, int d0, int count) {
        FlatPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL], mo = k.paths[row + PATH_OUT_MUL];
        int w0 = rp.weightRow[path];
        int u = 0;
        for (; u + 4 <= m1; u += 4) {
            for (int b = 0; b < count; b++) {
                for (int r = 0; r < rows; r++) {
                    double[] x = src[b][s0 + r];
                    axpy4(dst[b][d0 + r], x[u], w[w0 + u], x[u + 1], w[w0 + u + 1], x[u + 2], w[w0 + u + 2],
                            x[u + 3], w[w0 + u + 3], mo);
                }
            }
        }
        for (; u < m1; u++) {
            for (int b = 0; b < count; b++) {
                for (int r = 0; r < rows; r++) axpy(dst[b][d0 + r], src[b][s0 + r][u], w[w0 + u], mo);
            }
        }
    }

    /** {@code gW[u][w] += Σ_(b,k) z[b][k][u] gOut[b][k][w]}, the (b, k) in order. */
    private static void weightGradient(RowPlan rp, int path, double[][] gw, int count, RowScratch s) {
        FlatPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL], dOut = k.paths[row + PATH_OUT_DIM];
        int o = rp.outRow[path], rows = count * dOut;
        for (int u = 0; u < m1; u++) {
            double[] gwr = gw[rp.weightRow[path] + u];
            int t = 0;
            for (; t + 4 <= rows; t += 4) {
                axpy4(gwr, zAt(s, t, dOut)[u], gAt(s, t, dOut, o), zAt(s, t + 1, dOut)[u], gAt(s, t + 1, dOut, o),
                        zAt(s, t + 2, dOut)[u], gAt(s, t + 2, dOut, o), zAt(s, t + 3, dOut)[u], gAt(s, t + 3, dOut, o),
                        gwr.length);
            }
            for (; t < rows; t++) axpy(gwr, zAt(s, t, dOut)[u], gAt(s, t, dOut, o), gwr.length);
        }
    }

    /** {@code gz[b][k][u] = Σ_w gOut[b][k][w] W[u][w]} through the transposed rows w. */
    private static void zGradient(RowPlan rp, int path, double[][] wt, int count, RowScratch s) {
        FlatPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL], dOut = k.paths[row + PATH_OUT_DIM], mo = k.paths[row + PATH_OUT_MUL];
        int t0 = rp.transposedRow[path], o = rp.outRow[path];
        for (int b = 0; b < count; b++) {
            for (int kk = 0; kk < dOut; kk++) Arrays.fill(s.gz[b][kk], 0, m1, 0.0);
        }
        int c = 0;
        for (; c + 4 <= mo; c += 4) {
            for (int b = 0; b < count; b++) {
                for (int kk = 0; kk < dOut; kk++) {
                    double[] g = s.gradOut[b][o + kk];
                    axpy4(s.gz[b][kk], g[c], wt[t0 + c], g[c + 1], wt[t0 + c + 1], g[c + 2], wt[t0 + c + 2],
                            g[c + 3], wt[t0 + c + 3], m1);
                }
            }
        }
        for (; c < mo; c++) {
            for (int b = 0; b < count; b++) {
                for (int kk = 0; kk < dOut; kk++) axpy(s.gz[b][kk], s.gradOut[b][o + kk][c], wt[t0 + c], m1);
            }
        }
    }

    private static double[] zAt(RowScratch s, int t, int dOut) {
        return s.z[t / dOut][t % dOut];
    }

    private static double[] gAt(RowScratch s, int t, int dOut, int o) {
        return s.gradOut[t / dOut][o + t % dOut];
    }

    /**
     * {@code y[c] += a0 r0[c] + a1 r1[c] + a2 r2[c] + a3 r3[c]} for c &lt; n: one store per four
     * products, since the store, not the arithmetic, bounds these loops.
     */
    private static void axpy4(double[] y, double a0, double[] r0, double a1, double[] r1, double a2, double[] r2,
                              double a3, double[] r3, int n) {
        for (int c = 0; c < n; c++) y[c] += a0 * r0[c] + a1 * r1[c] + a2 * r2[c] + a3 * r3[c];
    }

    /** {@code y[c] += a r[c]} for c &lt; n. */
    private static void axpy(double[] y, double a, double[] r, int n) {
        for (int c = 0; c < n; c++) y[c] += a * r[c];
    }

    /**
     * Reverses the coupling given {@code gz} (rows from {@code g0}): {@code gx1[i][u] += Σ_k M_ik gz[k][u]}
     * and, when {@code x2}, {@code gx2[j] += Σ_u Σ_ik C_ijk x1[i][u] gz[k][u]}, summed per channel first so
     * that it vectorizes.
     */
    private static void inputGradients(RowPlan rp, int path, int b, double[][] gz, int g0, boolean x2,
                                       RowScratch s) {
        FlatPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL], d2 = k.paths[row + PATH_IN2_DIM];
        double[][] x1 = s.x1[b], gx1 = s.gradX1[b], h = s.h;
        double[] m = s.m[b];
        for (int j = 0; x2 && j < d2; j++) Arrays.fill(h[j], 0, m1, 0.0);
        int first = k.couplingStart[path];
        for (int q = 0; q < k.couplingCount[path]; q++) {
            int i = rp.in1Row[path] + k.couplingIk[2 * (first + q)];
            double[] xi = x1[i], gi = gx1[i];
            double[] gk = gz[g0 + k.couplingIk[2 * (first + q) + 1]];
            double mq = m[q];
            for (int u = 0; u < m1; u++) gi[u] += mq * gk[u];
            if (!x2) continue;
            for (int z = k.termStart[first + q]; z < k.termStart[first + q + 1]; z++) {
                double[] hj = h[k.termJ[z]];
                double c = k.termValue[z];
                for (int u = 0; u < m1; u++) hj[u] += c * xi[u] * gk[u];
            }
        }
        if (!x2) return;
        int o2 = k.paths[row + PATH_IN2_OFFSET];
        for (int j = 0; j < d2; j++) {
            double sum = 0;
            double[] hj = h[j];
            for (int u = 0; u < m1; u++) sum += hj[u];
            s.gradX2[b][o2 + j] += sum;
        }
    }

    /** {@code m[q] = Σ_j C_ijk x2_j} for each coupling q of the path. */
    private static void couplings(FlatPlan k, int path, double[] x2, double[] m) {
        int first = k.couplingStart[path];
        int o2 = k.paths[path * PATH_STRIDE + PATH_IN2_OFFSET];
        for (int q = 0; q < k.couplingCount[path]; q++) {
            double sum = 0;
            for (int z = k.termStart[first + q]; z < k.termStart[first + q + 1]; z++) {
                sum += k.termValue[z] * x2[o2 + k.termJ[z]];
            }
            m[q] = sum;
        }
    }
}
