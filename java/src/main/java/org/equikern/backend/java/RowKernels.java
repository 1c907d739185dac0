package org.equikern.backend.java;

import static org.equikern.tp.Plan.PATH_HAS_WEIGHT;
import static org.equikern.tp.Plan.PATH_IN1_DIM;
import static org.equikern.tp.Plan.PATH_IN1_MUL;
import static org.equikern.tp.Plan.PATH_IN2_DIM;
import static org.equikern.tp.Plan.PATH_IN2_OFFSET;
import static org.equikern.tp.Plan.PATH_OUT_DIM;
import static org.equikern.tp.Plan.PATH_OUT_MUL;
import static org.equikern.tp.Plan.PATH_PAIR_COUNT;
import static org.equikern.tp.Plan.PATH_STRIDE;

import java.util.Arrays;

/**
 * One sample of a plan whose paths all have one input-2 channel ({@link RowPlan}), in float64 on
 * rows. Per path the couplings {@code M_ik = Σ_j C_ijk x2_j} are formed once, then
 * <ul>
 *   <li>uvu: {@code out[k][u] += w[u] · Σ_i M_ik x1[i][u]};</li>
 *   <li>uvw: {@code z[k][u] = Σ_i M_ik x1[i][u]}, then {@code out[k][w] += Σ_u z[k][u] W[u][w]}.</li>
 * </ul>
 * The backward pass forms the gradient {@code gz} of z (uvu: {@code w · gOut}; uvw: {@code gOut ·
 * Wᵀ} from transposed weight rows) and reverses the coupling. Stateless; callers own the scratch.
 */
final class RowKernels {
    private RowKernels() {
    }

    /** Adds every path into {@code out} (zeroed by the caller). {@code w}: weight rows (null without weights). */
    static void forward(RowPlan rp, double[][] x1, double[] x2, double[][] w, double[][] out, RowScratch s) {
        KernelPlan k = rp.kernel;
        for (int path = 0; path < k.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (k.paths[row + PATH_PAIR_COUNT] == 0) continue;
            couplings(k, path, x2, s.m);
            boolean weighted = k.paths[row + PATH_HAS_WEIGHT] == 1;
            if (rp.mixed[path]) {
                couple(rp, path, x1, s.m, s.z);
                mix(rp, path, s.z, w, out);
            } else {
                double[][] x = x1;
                int x0 = rp.in1Row[path];
                if (weighted) {
                    // Weighting x1 once costs d1 passes over u instead of one per coupling.
                    double[] wr = w[rp.weightRow[path]];
                    for (int i = 0; i < k.paths[row + PATH_IN1_DIM]; i++) {
                        double[] xi = x1[x0 + i], ti = s.z[i];
                        for (int u = 0; u < wr.length; u++) ti[u] = wr[u] * xi[u];
                    }
                    x = s.z;
                    x0 = 0;
                }
                int first = k.couplingStart[path];
                for (int q = 0; q < k.couplingCount[path]; q++) {
                    double[] xi = x[x0 + k.couplingIk[2 * (first + q)]];
                    double[] ok = out[rp.outRow[path] + k.couplingIk[2 * (first + q) + 1]];
                    double m = s.m[q];
                    for (int u = 0; u < ok.length; u++) ok[u] += m * xi[u];
                }
            }
        }
    }

    /**
     * Gradients of one sample given output-gradient rows {@code g}: adds into {@code gx1} rows and
     * {@code gx2} (both null to skip) and weight-gradient rows {@code gw} (null to skip).
     * {@code wt}: transposed weight rows (uvw).
     */
    static void backward(RowPlan rp, double[][] x1, double[] x2, double[][] w, double[][] wt, double[][] g,
                         double[][] gx1, double[] gx2, double[][] gw, RowScratch s) {
        KernelPlan k = rp.kernel;
        for (int path = 0; path < k.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (k.paths[row + PATH_PAIR_COUNT] == 0) continue;
            couplings(k, path, x2, s.m);
            boolean weighted = k.paths[row + PATH_HAS_WEIGHT] == 1;
            int m1 = k.paths[row + PATH_IN1_MUL], dOut = k.paths[row + PATH_OUT_DIM];
            int o = rp.outRow[path];
            double[][] gz;
            if (rp.mixed[path]) {
                if (gw != null) {
                    couple(rp, path, x1, s.m, s.z);
                    for (int kk = 0; kk < dOut; kk++) {
                        double[] gk = g[o + kk], zk = s.z[kk];
                        for (int u = 0; u < m1; u++) {
                            double[] gwr = gw[rp.weightRow[path] + u];
                            double zu = zk[u];
                            for (int c = 0; c < gwr.length; c++) gwr[c] += zu * gk[c];
                        }
                    }
                }
                if (gx1 == null) continue;
                gz = s.gz;
                int mo = k.paths[row + PATH_OUT_MUL];
                for (int kk = 0; kk < dOut; kk++) {
                    double[] gk = g[o + kk], zk = gz[kk];
                    Arrays.fill(zk, 0, m1, 0.0);
                    for (int c = 0; c < mo; c++) {
                        double[] wc = wt[rp.transposedRow[path] + c];
                        double gc = gk[c];
                        for (int u = 0; u < wc.length; u++) zk[u] += gc * wc[u];
                    }
                }
                inputGradients(rp, path, x1, s.m, gz, 0, gx1, gx2, s);
            } else {
                int first = k.couplingStart[path];
                if (gw != null && weighted) {
                    double[] gwr = gw[rp.weightRow[path]];
                    for (int q = 0; q < k.couplingCount[path]; q++) {
                        double[] xi = x1[rp.in1Row[path] + k.couplingIk[2 * (first + q)]];
                        double[] gk = g[o + k.couplingIk[2 * (first + q) + 1]];
                        double m = s.m[q];
                        for (int u = 0; u < gwr.length; u++) gwr[u] += m * xi[u] * gk[u];
                    }
                }
                if (gx1 == null) continue;
                if (weighted) {
                    double[] wr = w[rp.weightRow[path]];
                    for (int kk = 0; kk < dOut; kk++) {
                        double[] gk = g[o + kk], zk = s.gz[kk];
                        for (int u = 0; u < wr.length; u++) zk[u] = wr[u] * gk[u];
                    }
                    inputGradients(rp, path, x1, s.m, s.gz, 0, gx1, gx2, s);
                } else {
                    inputGradients(rp, path, x1, s.m, g, o, gx1, gx2, s);
                }
            }
        }
    }

    /** {@code z[k][u] = Σ_i M_ik x1[i][u]} into the first dOut rows of {@code z}. */
    private static void couple(RowPlan rp, int path, double[][] x1, double[] m, double[][] z) {
        KernelPlan k = rp.kernel;
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

    /** {@code out[k][w] += Σ_u z[k][u] W[u][w]}, one weight row per u. */
    private static void mix(RowPlan rp, int path, double[][] z, double[][] w, double[][] out) {
        KernelPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL];
        for (int kk = 0; kk < k.paths[row + PATH_OUT_DIM]; kk++) {
            double[] ok = out[rp.outRow[path] + kk], zk = z[kk];
            for (int u = 0; u < m1; u++) {
                double[] wu = w[rp.weightRow[path] + u];
                double zu = zk[u];
                for (int c = 0; c < wu.length; c++) ok[c] += zu * wu[c];
            }
        }
    }

    /**
     * Reverses the coupling given {@code gz} (rows from {@code g0}): {@code gx1[i][u] += Σ_k M_ik gz[k][u]}
     * and {@code gx2[j] += Σ_u Σ_ik C_ijk x1[i][u] gz[k][u]}, summed per channel first so that it vectorizes.
     */
    private static void inputGradients(RowPlan rp, int path, double[][] x1, double[] m, double[][] gz, int g0,
                                       double[][] gx1, double[] gx2, RowScratch s) {
        KernelPlan k = rp.kernel;
        int row = path * PATH_STRIDE;
        int m1 = k.paths[row + PATH_IN1_MUL], d2 = k.paths[row + PATH_IN2_DIM];
        double[][] h = s.h;
        for (int j = 0; j < d2; j++) Arrays.fill(h[j], 0, m1, 0.0);
        int first = k.couplingStart[path];
        for (int q = 0; q < k.couplingCount[path]; q++) {
            int i = rp.in1Row[path] + k.couplingIk[2 * (first + q)];
            double[] xi = x1[i], gi = gx1[i];
            double[] gk = gz[g0 + k.couplingIk[2 * (first + q) + 1]];
            double mq = m[q];
            for (int u = 0; u < m1; u++) gi[u] += mq * gk[u];
            for (int z = k.termStart[first + q]; z < k.termStart[first + q + 1]; z++) {
                double[] hj = h[k.termJ[z]];
                double c = k.termValue[z];
                for (int u = 0; u < m1; u++) hj[u] += c * xi[u] * gk[u];
            }
        }
        int o2 = k.paths[row + PATH_IN2_OFFSET];
        for (int j = 0; j < d2; j++) {
            double sum = 0;
            double[] hj = h[j];
            for (int u = 0; u < m1; u++) sum += hj[u];
            gx2[o2 + j] += sum;
        }
    }

    /** {@code m[q] = Σ_j C_ijk x2_j} for each coupling q of the path. */
    private static void couplings(KernelPlan k, int path, double[] x2, double[] m) {
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
