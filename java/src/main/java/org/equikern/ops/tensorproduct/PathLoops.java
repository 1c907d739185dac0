package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_CG_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_CG_START;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIRS;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET_START;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.Arrays;
import org.equikern.tp.Mode;

/**
 * The tensor-product math for one sample, in float64, on transposed ({@code ir_mul}) scratch
 * vectors (see {@link SampleLayout}). Every path is two steps:
 * <ol>
 *   <li>pair products {@code y[k][p] = Σ_ij C'_ijk · x1[i][u(p)] · x2[j][v(p)]} over the path's
 *   channel pairs p (C' has the coefficient folded in);</li>
 *   <li>routing to output channels: mixed modes {@code out[k][w] += Σ_p y[k][p] · W[p][w]}, the
 *   others {@code out[k][target(p)] += W[p] · y[k][p]} (W = 1 without weights).</li>
 * </ol>
 * The backward pass reverses both steps. All methods are stateless; callers own the scratch.
 */
final class PathLoops {
    private static final int PAIRS_ALL = Mode.Pairs.ALL.ordinal();
    private static final int PAIRS_DIAGONAL = Mode.Pairs.DIAGONAL.ordinal();
    private static final int TARGET_MIXED = Mode.Target.MIXED.ordinal();

    private PathLoops() {
    }

    /**
     * Adds every path of one sample into {@code acc} (transposed output, zeroed by the caller).
     * Weights are read from {@code w} starting at {@code wBase}; {@code y} is scratch.
     */
    static void forward(FlatPlan plan, double[] a1, double[] a2, double[] w, int wBase, double[] acc, double[] y) {
        for (int path = 0; path < plan.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (plan.paths[row + PATH_PAIR_COUNT] == 0) continue;
            pairProducts(plan, row, a1, a2, y);
            route(plan, row, y, w, wBase, acc);
        }
    }

    /**
     * Gradients of one sample given the transposed output gradient {@code gAcc}: adds into
     * {@code ga1}, {@code ga2} (transposed, zeroed by the caller; both null to skip) and into
     * {@code gw} from {@code gwBase} (null to skip). {@code y} and {@code gy} are scratch.
     */
    static void backward(FlatPlan plan, double[] a1, double[] a2, double[] w, int wBase, double[] gAcc,
                         double[] ga1, double[] ga2, double[] gw, int gwBase, double[] y, double[] gy) {
        for (int path = 0; path < plan.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (plan.paths[row + PATH_PAIR_COUNT] == 0) continue;
            if (gw != null && plan.paths[row + PATH_HAS_WEIGHT] == 1) {
                pairProducts(plan, row, a1, a2, y);
                weightGradient(plan, row, y, gAcc, gw, gwBase);
            }
            if (ga1 != null) {
                pairGradient(plan, row, gAcc, w, wBase, gy);
                inputGradients(plan, row, gy, a1, a2, ga1, ga2);
            }
        }
    }

    /** Step 1: {@code y[k·P + p]} for every output component k and pair p of the path. */
    private static void pairProducts(FlatPlan plan, int row, double[] a1, double[] a2, double[] y) {
        int[] t = plan.paths;
        int pairs = t[row + PATH_PAIR_COUNT];
        int m1 = t[row + PATH_IN1_MUL], m2 = t[row + PATH_IN2_MUL];
        int o1 = t[row + PATH_IN1_OFFSET], o2 = t[row + PATH_IN2_OFFSET];
        int kind = t[row + PATH_PAIRS];
        Arrays.fill(y, 0, t[row + PATH_OUT_DIM] * pairs, 0.0);
        int start = t[row + PATH_CG_START], end = start + t[row + PATH_CG_COUNT];
        for (int z = start; z < end; z++) {
            double c = plan.cgValues[z];
            int x1 = o1 + plan.cgIndices[3 * z] * m1;
            int x2 = o2 + plan.cgIndices[3 * z + 1] * m2;
            int yk = plan.cgIndices[3 * z + 2] * pairs;
            if (kind == PAIRS_DIAGONAL) {
                for (int u = 0; u < m1; u++) y[yk + u] += c * a1[x1 + u] * a2[x2 + u];
            } else if (kind == PAIRS_ALL && m2 == 1) {
                // One v: run over u so the inner loop stays contiguous (e.g. uvu with an edge SH).
                double s = c * a2[x2];
                for (int u = 0; u < m1; u++) y[yk + u] += s * a1[x1 + u];
            } else if (kind == PAIRS_ALL) {
                for (int u = 0; u < m1; u++) {
                    double s = c * a1[x1 + u];
                    int yu = yk + u * m2;
                    for (int v = 0; v < m2; v++) y[yu + v] += s * a2[x2 + v];
                }
            } else {
                int p = yk;
                for (int u = 0; u < m1; u++) {
                    double s = c * a1[x1 + u];
                    for (int v = u + 1; v < m2; v++) y[p++] += s * a2[x2 + v];
                }
            }
        }
    }

    /** Step 2: adds the pair products into the transposed output. */
    private static void route(FlatPlan plan, int row, double[] y, double[] w, int wBase, double[] acc) {
        int[] t = plan.paths;
        int pairs = t[row + PATH_PAIR_COUNT];
        int mo = t[row + PATH_OUT_MUL], dOut = t[row + PATH_OUT_DIM], oo = t[row + PATH_OUT_OFFSET];
        boolean weighted = t[row + PATH_HAS_WEIGHT] == 1;
        int wp = wBase + t[row + PATH_WEIGHT_OFFSET];
        if (t[row + PATH_TARGET] == TARGET_MIXED) {
            for (int k = 0; k < dOut; k++) {
                int out = oo + k * mo;
                for (int p = 0; p < pairs; p++) {
                    double s = y[k * pairs + p];
                    if (weighted) {
                        int wr = wp + p * mo;
                        for (int c = 0; c < mo; c++) acc[out + c] += s * w[wr + c];
                    } else {
                        for (int c = 0; c < mo; c++) acc[out + c] += s;
                    }
                }
            }
        } else {
            int targets = t[row + PATH_TARGET_START];
            for (int k = 0; k < dOut; k++) {
                int out = oo + k * mo;
                for (int p = 0; p < pairs; p++) {
                    double s = y[k * pairs + p];
                    acc[out + plan.pairTargets[targets + p]] += weighted ? w[wp + p] * s : s;
                }
            }
        }
    }

    /** Reverse of step 2 for the weights: {@code gw += ∂/∂W}. */
    private static void weightGradient(FlatPlan plan, int row, double[] y, double[] gAcc, double[] gw, int gwBase) {
        int[] t = plan.paths;
        int pairs = t[row + PATH_PAIR_COUNT];
        int mo = t[row + PATH_OUT_MUL], dOut = t[row + PATH_OUT_DIM], oo = t[row + PATH_OUT_OFFSET];
        int gp = gwBase + t[row + PATH_WEIGHT_OFFSET];
        if (t[row + PATH_TARGET] == TARGET_MIXED) {
            for (int k = 0; k < dOut; k++) {
                int out = oo + k * mo;
                for (int p = 0; p < pairs; p++) {
                    double s = y[k * pairs + p];
                    int gr = gp + p * mo;
                    for (int c = 0; c < mo; c++) gw[gr + c] += s * gAcc[out + c];
                }
            }
        } else {
            int targets = t[row + PATH_TARGET_START];
            for (int k = 0; k < dOut; k++) {
                int out = oo + k * mo;
                for (int p = 0; p < pairs; p++) {
                    gw[gp + p] += y[k * pairs + p] * gAcc[out + plan.pairTargets[targets + p]];
                }
            }
        }
    }

    /** Reverse of step 2 for the pair products: {@code gy[k·P + p] = ∂/∂y}. */
    private static void pairGradient(FlatPlan plan, int row, double[] gAcc, double[] w, int wBase, double[] gy) {
        int[] t = plan.paths;
        int pairs = t[row + PATH_PAIR_COUNT];
        int mo = t[row + PATH_OUT_MUL], dOut = t[row + PATH_OUT_DIM], oo = t[row + PATH_OUT_OFFSET];
        boolean weighted = t[row + PATH_HAS_WEIGHT] == 1;
        int wp = wBase + t[row + PATH_WEIGHT_OFFSET];
        if (t[row + PATH_TARGET] == TARGET_MIXED) {
            for (int k = 0; k < dOut; k++) {
                int out = oo + k * mo;
                for (int p = 0; p < pairs; p++) {
                    double s = 0;
                    if (weighted) {
                        int wr = wp + p * mo;
                        for (int c = 0; c < mo; c++) s += gAcc[out + c] * w[wr + c];
                    } else {
                        for (int c = 0; c < mo; c++) s += gAcc[out + c];
                    }
                    gy[k * pairs + p] = s;
                }
            }
        } else {
            int targets = t[row + PATH_TARGET_START];
            for (int k = 0; k < dOut; k++) {
                int out = oo + k * mo;
                for (int p = 0; p < pairs; p++) {
                    double g = gAcc[out + plan.pairTargets[targets + p]];
                    gy[k * pairs + p] = weighted ? w[wp + p] * g : g;
                }
            }
        }
    }

    /** Reverse of step 1: adds {@code ∂/∂x1} and {@code ∂/∂x2} (transposed) from {@code gy}. */
    private static void inputGradients(FlatPlan plan, int row, double[] gy, double[] a1, double[] a2,
                                       double[] ga1, double[] ga2) {
        int[] t = plan.paths;
        int pairs = t[row + PATH_PAIR_COUNT];
        int m1 = t[row + PATH_IN1_MUL], m2 = t[row + PATH_IN2_MUL];
        int o1 = t[row + PATH_IN1_OFFSET], o2 = t[row + PATH_IN2_OFFSET];
        int kind = t[row + PATH_PAIRS];
        int start = t[row + PATH_CG_START], end = start + t[row + PATH_CG_COUNT];
        for (int z = start; z < end; z++) {
            double c = plan.cgValues[z];
            int x1 = o1 + plan.cgIndices[3 * z] * m1;
            int x2 = o2 + plan.cgIndices[3 * z + 1] * m2;
            int yk = plan.cgIndices[3 * z + 2] * pairs;
            if (kind == PAIRS_DIAGONAL) {
                for (int u = 0; u < m1; u++) {
                    double g = c * gy[yk + u];
                    ga1[x1 + u] += g * a2[x2 + u];
                    ga2[x2 + u] += g * a1[x1 + u];
                }
            } else if (kind == PAIRS_ALL && m2 == 1) {
                double b = a2[x2];
                double sum2 = 0;
                for (int u = 0; u < m1; u++) {
                    double g = c * gy[yk + u];
                    ga1[x1 + u] += g * b;
                    sum2 += g * a1[x1 + u];
                }
                ga2[x2] += sum2;
            } else {
                // All pairs (v from 0) or upper pairs (v from u+1); p walks the pairs in order.
                boolean upper = kind != PAIRS_ALL;
                int p = yk;
                for (int u = 0; u < m1; u++) {
                    double ca = c * a1[x1 + u];
                    double sum1 = 0;
                    for (int v = upper ? u + 1 : 0; v < m2; v++, p++) {
                        double g = gy[p];
                        sum1 += g * a2[x2 + v];
                        ga2[x2 + v] += ca * g;
                    }
                    ga1[x1 + u] += c * sum1;
                }
            }
        }
    }
}
