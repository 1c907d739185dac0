package org.equikern.nn;

/**
 * Per-thread double buffers of {@link EdgeEmbedding}, grown to the largest graph seen, so that calls
 * on graphs no larger than before allocate nothing. Buffers may be longer than a call needs.
 */
final class EdgeScratch {
    private double[] positions = new double[0];
    private double[] shifts = new double[0];
    private double[] vectors = new double[0];
    private double[] lengths = new double[0];
    private double[] sh = new double[0];
    private double[] radial = new double[0];
    private double[] gradSh = new double[0];
    private double[] gradRadial = new double[0];
    private double[] gradVectors = new double[0];
    private double[] gradPositions = new double[0];
    private double[] basisValues = new double[0];
    private double[] basisDerivatives = new double[0];

    private static double[] atLeast(double[] buffer, int length) {
        return buffer.length >= length ? buffer : new double[length];
    }

    private static double[] widen(double[] buffer, float[] values) {
        double[] out = atLeast(buffer, values.length);
        Widening.widen(values, 0, out, values.length);
        return out;
    }

    double[] widenPositions(float[] values) {
        return positions = widen(positions, values);
    }

    /** Null stays null: no shifts. */
    double[] widenShifts(float[] values) {
        return values == null ? null : (shifts = widen(shifts, values));
    }

    double[] widenGradSh(float[] values) {
        return gradSh = widen(gradSh, values);
    }

    double[] widenGradRadial(float[] values) {
        return gradRadial = widen(gradRadial, values);
    }

    double[] vectors(int length) {
        return vectors = atLeast(vectors, length);
    }

    double[] lengths(int length) {
        return lengths = atLeast(lengths, length);
    }

    double[] sh(int length) {
        return sh = atLeast(sh, length);
    }

    double[] radial(int length) {
        return radial = atLeast(radial, length);
    }

    double[] gradVectors(int length) {
        return gradVectors = atLeast(gradVectors, length);
    }

    double[] gradPositions(int length) {
        return gradPositions = atLeast(gradPositions, length);
    }

    double[] basisValues(int length) {
        return basisValues = atLeast(basisValues, length);
    }

    double[] basisDerivatives(int length) {
        return basisDerivatives = atLeast(basisDerivatives, length);
    }
}
