package org.equikern.nn;

import java.util.Arrays;

/**
 * The second-order arithmetic of {@link SymmetricContraction} for one sample, on the component-major
 * rows of {@link SymmetricContractionArithmetic}: the output's tangent along an input tangent
 * {@code ẋ}, and the terms of the backward's tangent that come from moving x (the Hessian terms). A
 * monomial {@code x_a x_b x_c} (slots a, b, c of a sorted tuple; repeated indices are separate slots)
 * has the directional derivative {@code ẋ_a x_b x_c + x_a ẋ_b x_c + x_a x_b ẋ_c}, and its Hessian
 * times ẋ adds {@code ẋ_b x_c + x_b ẋ_c} to slot a, and likewise for b and c.
 */
final class SymmetricContractionSecondOrder {
    private final ContractionTable[] tables;
    private final int mul;
    private final int outputRow;

    SymmetricContractionSecondOrder(ContractionTable[] tables, int mul, int outputChannelDim) {
        this.tables = tables;
        this.mul = mul;
        this.outputRow = outputChannelDim * mul;
    }

    /** Overwrites {@code yDot} with the output's tangent {@code J(x) ẋ}, weights of one element from {@code w[wAt]}. */
    void tangent(double[] x, double[] xDot, double[] w, int wAt, double[] yDot) {
        Arrays.fill(yDot, 0, outputRow, 0.0);
        for (ContractionTable t : tables) {
            int n = t.order;
            for (int e = 0; e < t.size; e++) {
                double c = t.coefficient[e];
                int wp = wAt + t.path[e] * mul;
                int yo = t.output[e] * mul;
                int i = t.index[e * n] * mul;
                for (int u = 0; u < mul; u++) {
                    yDot[yo + u] += c * w[wp + u] * monomialTangent(t, e, x, xDot, i, u);
                }
            }
        }
    }

    /**
     * Adds, for output gradient {@code g}, the Hessian terms of the backward's tangent along
     * {@code ẋ}: {@code ∂²<g, y>/∂x² · ẋ} into {@code gx} and {@code ∂/∂w <g, J ẋ>} into {@code gw}
     * from {@code gwAt}.
     */
    void addHessianTerms(double[] x, double[] xDot, double[] w, int wAt, double[] g, double[] gx, double[] gw,
                         int gwAt) {
        for (ContractionTable t : tables) {
            int n = t.order;
            for (int e = 0; e < t.size; e++) {
                double c = t.coefficient[e];
                int p = t.path[e] * mul;
                int go = t.output[e] * mul;
                int i = t.index[e * n] * mul;
                for (int u = 0; u < mul; u++) {
                    double cg = c * g[go + u];
                    gw[gwAt + p + u] += cg * monomialTangent(t, e, x, xDot, i, u);
                    if (n > 1) {
                        addMonomialHessian(t, e, x, xDot, i, u, cg * w[wAt + p + u], gx);
                    }
                }
            }
        }
    }

    /** The directional derivative along ẋ of monomial e of table t in channel u; its first slot is at {@code i}. */
    private double monomialTangent(ContractionTable t, int e, double[] x, double[] xDot, int i, int u) {
        int n = t.order;
        if (n == 1) {
            return xDot[i + u];
        }
        int j = t.index[e * n + 1] * mul;
        if (n == 2) {
            return xDot[i + u] * x[j + u] + x[i + u] * xDot[j + u];
        }
        int k = t.index[e * n + 2] * mul;
        double xi = x[i + u];
        double xj = x[j + u];
        double xk = x[k + u];
        return xDot[i + u] * xj * xk + xi * xDot[j + u] * xk + xi * xj * xDot[k + u];
    }

    /** Adds {@code scale ·} (Hessian of monomial e, order 2 or 3, times ẋ) in channel u into {@code gx}. */
    private void addMonomialHessian(ContractionTable t, int e, double[] x, double[] xDot, int i, int u,
                                    double scale, double[] gx) {
        int n = t.order;
        int j = t.index[e * n + 1] * mul;
        if (n == 2) {
            gx[i + u] += scale * xDot[j + u];
            gx[j + u] += scale * xDot[i + u];
            return;
        }
        int k = t.index[e * n + 2] * mul;
        double xi = x[i + u];
        double xj = x[j + u];
        double xk = x[k + u];
        double di = xDot[i + u];
        double dj = xDot[j + u];
        double dk = xDot[k + u];
        gx[i + u] += scale * (dj * xk + xj * dk);
        gx[j + u] += scale * (di * xk + xi * dk);
        gx[k + u] += scale * (di * xj + xi * dj);
    }
}
