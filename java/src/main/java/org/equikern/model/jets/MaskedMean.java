package org.equikern.model.jets;

/**
 * The mean over each jet's real particles of per-particle rows {@code [batch][particles][width]},
 * giving {@code [batch][width]} (0 for a jet with no particles), and its adjoint.
 */
final class MaskedMean {
    private MaskedMean() {
    }

    static double[] forward(double[] x, int[] counts, int particles, int width) {
        double[] out = new double[counts.length * width];
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) {
                int from = (b * particles + i) * width;
                for (int w = 0; w < width; w++) out[b * width + w] += x[from + w] / counts[b];
            }
        }
        return out;
    }

    /** dL/dx for dL/d(mean) = {@code gradOut}: gradOut / n on every real particle, 0 on padding. */
    static double[] backward(double[] gradOut, int[] counts, int particles, int width) {
        double[] gradX = new double[counts.length * particles * width];
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) {
                int to = (b * particles + i) * width;
                for (int w = 0; w < width; w++) gradX[to + w] = gradOut[b * width + w] / counts[b];
            }
        }
        return gradX;
    }
}
