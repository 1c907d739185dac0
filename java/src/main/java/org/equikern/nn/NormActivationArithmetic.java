package org.equikern.nn;

/**
 * The arithmetic of {@link NormActivation} for one sample, in double precision, on arrays addressed
 * by offsets. Both precisions run this code.
 *
 * <p>The second-order rows differentiate forward and backward along an input tangent {@code ẋ} and
 * an output-gradient tangent {@code ġ}, the biases held fixed. Per copy, with the scale
 * {@code s(n)}, the radial coefficient {@code r = s'/n}, {@code D = g·x} and {@code ṅ = x·ẋ/n}:
 * {@code ẏ = s ẋ + s' ṅ x}; {@code ġx = s' ṅ g + s ġ + (Ḋ r + D r' ṅ) x + D r ẋ} with
 * {@code Ḋ = ġ·x + g·ẋ}; and the bias gradient's tangent {@code Ḋ ∂s/∂z + D (∂s/∂z)' ṅ}. Where the
 * norm has no gradient (clamped, or 0 without normalize) {@code ṅ = r = 0}, as in the backward.
 */
final class NormActivationArithmetic {
    private final NormalizedActivation f;
    private final boolean normalize;
    private final double epsilon;
    private final double epsilonSquared;
    /** Per irrep copy: its first component and its dimension. */
    private final int[] start;
    private final int[] size;

    NormActivationArithmetic(NormalizedActivation f, boolean normalize, double epsilon, int[] start, int[] size) {
        this.f = f;
        this.normalize = normalize;
        this.epsilon = epsilon;
        this.epsilonSquared = epsilon * epsilon;
        this.start = start;
        this.size = size;
    }

    /** Writes one output row; {@code bias} is null when the layer has none. */
    void forward(double[] x, int xAt, double[] bias, double[] out, int outAt) {
        for (int c = 0; c < start.length; c++) {
            int from = xAt + start[c];
            double n = norm(x, from, size[c]);
            double z = bias == null ? n : n + bias[c];
            double s = normalize ? f.value(z) / n : f.value(z);
            int to = outAt + start[c];
            for (int i = 0; i < size[c]; i++) {
                out[to + i] = s * x[from + i];
            }
        }
    }

    /** Writes one row of {@code gradX} and adds this sample's share to {@code gradBias} (when not null). */
    void backward(double[] x, int xAt, double[] bias, double[] gradOut, int gAt, double[] gradX, int gxAt,
                  double[] gradBias) {
        for (int c = 0; c < start.length; c++) {
            int from = xAt + start[c];
            int d = size[c];
            double q = squaredNorm(x, from, d);
            // The norm has no gradient where e3nn clamps it, nor at 0 without normalize (relu().sqrt()).
            boolean constantNorm = normalize ? q < epsilonSquared : q == 0;
            double n = normalize && constantNorm ? epsilon : Math.sqrt(q);
            double z = bias == null ? n : n + bias[c];
            double fz = f.value(z);
            double fp = f.derivative(z);
            double s = normalize ? fz / n : fz;
            double dsdz = normalize ? fp / n : fp;
            double dsdn = normalize ? (fp - s) / n : fp;
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += gradOut[gAt + start[c] + i] * x[from + i];
            }
            double radial = constantNorm ? 0 : dot * dsdn / n;
            for (int i = 0; i < d; i++) {
                gradX[gxAt + start[c] + i] = s * gradOut[gAt + start[c] + i] + radial * x[from + i];
            }
            if (gradBias != null) {
                gradBias[c] += dot * dsdz;
            }
        }
    }

    /** Writes one row of the output's tangent along {@code xDot} (same offsets as {@code x}). */
    void tangent(double[] x, double[] xDot, int xAt, double[] bias, double[] outDot, int outAt, Terms t) {
        for (int c = 0; c < start.length; c++) {
            int from = xAt + start[c];
            int d = size[c];
            t.at(x, from, d, bias == null ? 0 : bias[c]);
            double nDot = t.normTangent(x, xDot, from, d);
            int to = outAt + start[c];
            for (int i = 0; i < d; i++) {
                outDot[to + i] = t.s * xDot[from + i] + t.s1 * nDot * x[from + i];
            }
        }
    }

    /**
     * Writes one row of the tangent of {@link #backward}'s input gradient (offsets: {@code xAt} for
     * {@code x, xDot, gradXDot}, {@code gAt} for {@code gradOut, gradOutDot}) and adds this sample's
     * share of the bias gradient's tangent to {@code gradBiasDot} (when not null).
     */
    void tangentBackward(double[] x, double[] xDot, int xAt, double[] bias, double[] gradOut, double[] gradOutDot,
                         int gAt, double[] gradXDot, double[] gradBiasDot, Terms t) {
        for (int c = 0; c < start.length; c++) {
            int from = xAt + start[c];
            int g = gAt + start[c];
            int d = size[c];
            t.at(x, from, d, bias == null ? 0 : bias[c]);
            double nDot = t.normTangent(x, xDot, from, d);
            double dot = 0;
            double dotTangent = 0;
            for (int i = 0; i < d; i++) {
                dot += gradOut[g + i] * x[from + i];
                dotTangent += gradOutDot[g + i] * x[from + i] + gradOut[g + i] * xDot[from + i];
            }
            double sDot = t.s1 * nDot;
            double radialDot = dotTangent * t.r + dot * t.r1 * nDot;
            for (int i = 0; i < d; i++) {
                gradXDot[from + i] = sDot * gradOut[g + i] + t.s * gradOutDot[g + i] + radialDot * x[from + i]
                        + dot * t.r * xDot[from + i];
            }
            if (gradBiasDot != null) {
                gradBiasDot[c] += dotTangent * t.dsdz + dot * t.dsdz1 * nDot;
            }
        }
    }

    /** Per-call scratch for the second-order rows. */
    Terms terms() {
        return new Terms();
    }

    /**
     * The scale of one copy and its derivatives in the norm n and the pre-activation z = n + b:
     * {@code s, s' = ds/dn, r = s'/n, r' = dr/dn, ∂s/∂z} and its n-derivative. Mutable, one per call.
     */
    final class Terms {
        double n;
        boolean constantNorm;
        double s;
        double s1;
        double r;
        double r1;
        double dsdz;
        double dsdz1;

        /** Sets the terms of the copy of {@code d} components at {@code from}, with bias {@code b}. */
        void at(double[] x, int from, int d, double b) {
            double q = squaredNorm(x, from, d);
            constantNorm = normalize ? q < epsilonSquared : q == 0;
            n = normalize && constantNorm ? epsilon : Math.sqrt(q);
            double z = n + b;
            double f0 = f.value(z);
            double f1 = f.derivative(z);
            double f2 = f.secondDerivative(z);
            if (normalize) {
                s = f0 / n;
                s1 = (f1 - s) / n;
                dsdz = f1 / n;
                dsdz1 = (f2 - dsdz) / n;
            } else {
                s = f0;
                s1 = f1;
                dsdz = f1;
                dsdz1 = f2;
            }
            double s2 = normalize ? (f2 - 2 * s1) / n : f2;
            r = constantNorm ? 0 : s1 / n;
            r1 = constantNorm ? 0 : (s2 - r) / n;
        }

        /** {@code ṅ = x·ẋ / n}, 0 where the norm has no gradient. */
        double normTangent(double[] x, double[] xDot, int from, int d) {
            if (constantNorm) {
                return 0;
            }
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += x[from + i] * xDot[from + i];
            }
            return dot / n;
        }
    }

    /** e3nn's norm: with normalize, a squared norm below ε² counts as ε². */
    private double norm(double[] x, int from, int d) {
        double q = squaredNorm(x, from, d);
        return normalize && q < epsilonSquared ? epsilon : Math.sqrt(q);
    }

    private static double squaredNorm(double[] x, int from, int d) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            q += x[from + i] * x[from + i];
        }
        return q;
    }
}
