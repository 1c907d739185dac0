package org.equikern.model;

import java.util.Arrays;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.Parity;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.PlanPath;

/**
 * The fully connected product of features with one-hot species rows ({@link SelfConnection}), computed
 * as what it is: per species a linear map of the features. With {@code x2} one-hot at species s, a
 * {@code uvw} path's {@code out[w][k] = Σ_u Σ_(i,k) C'_ik · W[u][s][w] · x1[u][i]} reads only the weight
 * slice of s, so each row costs one small matrix product per path instead of a sweep over every species
 * pair of the generic product (whose loops were a tenth of a NequIP training step).
 */
final class SpeciesLinearMap {
    private final Plan plan;
    private final int species;

    /**
     * @param plan a fully connected product whose second operand is {@code species x 0e}: every path
     *     {@code uvw} and weighted
     * @throws IllegalArgumentException for any other plan
     */
    SpeciesLinearMap(Plan plan) {
        Irreps in2 = plan.spec().irrepsIn2();
        if (in2.size() != 1 || !in2.get(0).irrep().equals(Irrep.of(0, Parity.EVEN))) {
            throw new IllegalArgumentException("the second operand must be one block SPECIESx0e, got " + in2);
        }
        for (PlanPath path : plan.paths()) {
            if (path.mode() != Mode.UVW || !path.hasWeight()) {
                throw new IllegalArgumentException("every path must be a weighted uvw path, got " + path);
            }
        }
        this.plan = plan;
        this.species = in2.get(0).mul();
    }

    /**
     * The species of each row of {@code rows × species} one-hot rows.
     *
     * @throws IllegalArgumentException naming the first row that is not one-hot
     */
    int[] speciesOf(double[] oneHot, int rows) {
        if (oneHot.length != Math.multiplyExact(rows, species)) {
            throw new IllegalArgumentException("oneHot has " + oneHot.length + " values, expected " + rows + " × "
                    + species);
        }
        int[] out = new int[rows];
        for (int a = 0; a < rows; a++) {
            int hot = -1;
            int ones = 0;
            for (int s = 0; s < species; s++) {
                double v = oneHot[a * species + s];
                if (v == 1) {
                    hot = s;
                    ones++;
                } else if (v != 0) {
                    ones = -1;
                    break;
                }
            }
            if (ones != 1) {
                throw new IllegalArgumentException("oneHot row " + a + " is not one-hot: "
                        + Arrays.toString(Arrays.copyOfRange(oneHot, a * species, (a + 1) * species)));
            }
            out[a] = hot;
        }
        return out;
    }

    /** {@code out = TP(x, oneHot(speciesOfRow), w)} for {@code speciesOfRow.length} rows, overwritten. */
    void forward(double[] x, int[] speciesOfRow, double[] w, double[] out) {
        Arrays.fill(out, 0.0);
        int dim1 = plan.dim1(), dimOut = plan.dimOut();
        for (PlanPath path : plan.paths()) {
            int m1 = path.in1Mul(), mo = path.outMul(), d1 = path.in1Irrep().dim(), dOut = path.outIrrep().dim();
            // One row's output block transposed (component-major), so the inner loop runs over contiguous v.
            double[] block = new double[dOut * mo];
            for (int a = 0; a < speciesOfRow.length; a++) {
                int xRow = a * dim1 + path.in1Offset(), outRow = a * dimOut + path.outOffset();
                Arrays.fill(block, 0.0);
                for (int z = 0; z < path.cgCount(); z++) {
                    double c = path.cgValue(z);
                    int i = path.cgI(z), k = path.cgK(z) * mo;
                    int u = 0;
                    // Four weight rows per sweep over the block: a quarter of its loads and stores.
                    for (; u + 3 < m1; u += 4) {
                        int at = xRow + u * d1 + i;
                        double s0 = c * x[at], s1 = c * x[at + d1], s2 = c * x[at + 2 * d1], s3 = c * x[at + 3 * d1];
                        int w0 = weightRow(path, u, speciesOfRow[a]), step = species * mo;
                        int w1 = w0 + step, w2 = w1 + step, w3 = w2 + step;
                        for (int v = 0; v < mo; v++) {
                            block[k + v] += s0 * w[w0 + v] + s1 * w[w1 + v] + s2 * w[w2 + v] + s3 * w[w3 + v];
                        }
                    }
                    for (; u < m1; u++) {
                        double s = c * x[xRow + u * d1 + i];
                        int wRow = weightRow(path, u, speciesOfRow[a]);
                        for (int v = 0; v < mo; v++) {
                            block[k + v] += s * w[wRow + v];
                        }
                    }
                }
                addRowMajor(block, out, outRow, dOut, mo);
            }
        }
    }

    /**
     * The gradients of {@code <gradOut, TP(x, oneHot(speciesOfRow), w)>}, overwriting {@code gradX} and
     * {@code gradW}; either may be null when not wanted.
     */
    void backward(double[] x, int[] speciesOfRow, double[] w, double[] gradOut, double[] gradX, double[] gradW) {
        if (gradX != null) {
            Arrays.fill(gradX, 0.0);
        }
        if (gradW != null) {
            Arrays.fill(gradW, 0.0);
        }
        int dim1 = plan.dim1(), dimOut = plan.dimOut();
        for (PlanPath path : plan.paths()) {
            int m1 = path.in1Mul(), mo = path.outMul(), d1 = path.in1Irrep().dim(), dOut = path.outIrrep().dim();
            double[] block = new double[dOut * mo];
            for (int a = 0; a < speciesOfRow.length; a++) {
                int xRow = a * dim1 + path.in1Offset(), outRow = a * dimOut + path.outOffset();
                copyComponentMajor(gradOut, outRow, dOut, mo, block);
                for (int z = 0; z < path.cgCount(); z++) {
                    double c = path.cgValue(z);
                    int i = path.cgI(z), k = path.cgK(z) * mo;
                    for (int u = 0; u < m1; u++) {
                        int wRow = weightRow(path, u, speciesOfRow[a]);
                        int at = xRow + u * d1 + i;
                        if (gradX != null) {
                            gradX[at] += c * dot(block, k, w, wRow, mo);
                        }
                        if (gradW != null) {
                            double s = c * x[at];
                            for (int v = 0; v < mo; v++) {
                                gradW[wRow + v] += s * block[k + v];
                            }
                        }
                    }
                }
            }
        }
    }

    /** A row's {@code [v][k]} output block from {@code from} into {@code block} as {@code [k][v]}. */
    private static void copyComponentMajor(double[] from, int row, int dOut, int mo, double[] block) {
        for (int k = 0; k < dOut; k++) {
            for (int v = 0; v < mo; v++) {
                block[k * mo + v] = from[row + v * dOut + k];
            }
        }
    }

    /** Adds the {@code [k][v]} {@code block} into a row's {@code [v][k]} output block of {@code to}. */
    private static void addRowMajor(double[] block, double[] to, int row, int dOut, int mo) {
        for (int k = 0; k < dOut; k++) {
            for (int v = 0; v < mo; v++) {
                to[row + v * dOut + k] += block[k * mo + v];
            }
        }
    }

    /** {@code Σ_v a[aAt + v] · b[bAt + v]} over four partial sums: one sum's add latency would bound the loop. */
    private static double dot(double[] a, int aAt, double[] b, int bAt, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int v = 0;
        for (; v + 3 < n; v += 4) {
            s0 += a[aAt + v] * b[bAt + v];
            s1 += a[aAt + v + 1] * b[bAt + v + 1];
            s2 += a[aAt + v + 2] * b[bAt + v + 2];
            s3 += a[aAt + v + 3] * b[bAt + v + 3];
        }
        for (; v < n; v++) {
            s0 += a[aAt + v] * b[bAt + v];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Where {@code W[u][s][·]} starts: e3nn's row-major {@code [mul1, species, mulOut]} path weights. */
    private int weightRow(PlanPath path, int u, int s) {
        return path.weightOffset() + (u * species + s) * path.outMul();
    }
}
