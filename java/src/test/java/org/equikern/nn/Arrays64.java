package org.equikern.nn;

import java.util.Random;

/** Small array helpers for the layer tests. */
final class Arrays64 {
    private Arrays64() {
    }

    /** Uniform values in [-2, 2) whose magnitude is at least 0.05 (away from activation kinks). */
    static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = 4 * r.nextDouble() - 2;
            out[i] = Math.abs(v) < 0.05 ? v + Math.copySign(0.1, v) : v;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }

    static double[] toDouble(float[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** max |a - b| / max |b|. */
    static double maxRelDiff(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }
}
