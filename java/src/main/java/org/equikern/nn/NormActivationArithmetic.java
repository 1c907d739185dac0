package org.equikern.nn;

/**
 * The arithmetic of {@link NormActivation} for one sample, in double precision, on arrays addressed
 * by offsets. Both precisions run this code.
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
