package org.equikern.nn;

import java.util.Arrays;

/**
 * The arithmetic of {@link SymmetricContraction} for one sample, in double, on component-major
 * rows ({@code t[i·mul + u]}, see {@link ChannelLayout}). The contraction is evaluated as a sum of
 * monomials: every entry of a {@link ContractionTable} multiplies its weight row by a product of
 * up to three input components, with the innermost loop running over the channels {@code u} so
 * that weights, inputs and outputs are read contiguously. Using only the sorted index tuples of
 * the symmetric tensors, this needs about {@code 1/n!} of the work of contracting the dense
 * {@code U} and allocates nothing.
 */
final class SymmetricContractionArithmetic {
    private final ContractionTable[] tables;
    private final int mul;
    private final int outputRow;

    SymmetricContractionArithmetic(ContractionTable[] tables, int mul, int outputChannelDim) {
        this.tables = tables;
        this.mul = mul;
        this.outputRow = outputChannelDim * mul;
    }

    /** Overwrites {@code y} with the contraction of {@code x}, weights of one element starting at {@code w[wAt]}. */
    void forward(double[] x, double[] w, int wAt, double[] y) {
        Arrays.fill(y, 0, outputRow, 0.0);
        for (ContractionTable t : tables) {
            int n = t.order;
            for (int e = 0; e < t.size; e++) {
                double c = t.coefficient[e];
                int wp = wAt + t.path[e] * mul;
                int yo = t.output[e] * mul;
                int i = t.index[e * n] * mul;
                if (n == 1) {
                    for (int u = 0; u < mul; u++) {
                        y[yo + u] += c * w[wp + u] * x[i + u];
                    }
                } else if (n == 2) {
                    int j = t.index[e * n + 1] * mul;
                    for (int u = 0; u < mul; u++) {
                        y[yo + u] += c * w[wp + u] * x[i + u] * x[j + u];
                    }
                } else {
                    int j = t.index[e * n + 1] * mul;
                    int k = t.index[e * n + 2] * mul;
                    for (int u = 0; u < mul; u++) {
                        y[yo + u] += c * w[wp + u] * x[i + u] * x[j + u] * x[k + u];
                    }
                }
            }
        }
    }

    /**
     * Back-propagates the output gradient {@code g} of one sample: overwrites {@code gx} (skipped
     * when null) and adds this sample's weight gradient to {@code gw} from {@code gwAt} (skipped
     * when null).
     */
    void backward(double[] x, double[] w, int wAt, double[] g, double[] gx, int inputRow, double[] gw,
                  int gwAt) {
        if (gx != null) {
            Arrays.fill(gx, 0, inputRow, 0.0);
        }
        for (ContractionTable t : tables) {
            int n = t.order;
            for (int e = 0; e < t.size; e++) {
                double c = t.coefficient[e];
                int p = t.path[e] * mul;
                int wp = wAt + p;
                int gwp = gwAt + p;
                int go = t.output[e] * mul;
                int i = t.index[e * n] * mul;
                if (n == 1) {
                    for (int u = 0; u < mul; u++) {
                        double cg = c * g[go + u];
                        if (gw != null) {
                            gw[gwp + u] += cg * x[i + u];
                        }
                        if (gx != null) {
                            gx[i + u] += cg * w[wp + u];
                        }
                    }
                } else if (n == 2) {
                    int j = t.index[e * n + 1] * mul;
                    for (int u = 0; u < mul; u++) {
                        double cg = c * g[go + u];
                        if (gw != null) {
                            gw[gwp + u] += cg * x[i + u] * x[j + u];
                        }
                        if (gx != null) {
                            double cw = cg * w[wp + u];
                            gx[i + u] += cw * x[j + u];
                            gx[j + u] += cw * x[i + u];
                        }
                    }
                } else {
                    int j = t.index[e * n + 1] * mul;
                    int k = t.index[e * n + 2] * mul;
                    for (int u = 0; u < mul; u++) {
                        double cg = c * g[go + u];
                        double xi = x[i + u];
                        double xj = x[j + u];
                        double xk = x[k + u];
                        if (gw != null) {
                            gw[gwp + u] += cg * xi * xj * xk;
                        }
                        if (gx != null) {
                            double cw = cg * w[wp + u];
                            gx[i + u] += cw * xj * xk;
                            gx[j + u] += cw * xi * xk;
                            gx[k + u] += cw * xi * xj;
                        }
                    }
                }
            }
        }
    }
}
