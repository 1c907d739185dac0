package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small dense helpers for tests: row-major square matrices. */
final class Matrices {
    private Matrices() {
    }

    static double[] multiply(double[] a, double[] b, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double v = a[i * n + k];
                for (int j = 0; j < n; j++) c[i * n + j] += v * b[k * n + j];
            }
        }
        return c;
    }

    static double[] transpose(double[] a, int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) t[j * n + i] = a[i * n + j];
        }
        return t;
    }

    static double[] identity(int n) {
        double[] id = new double[n * n];
        for (int i = 0; i < n; i++) id[i * n + i] = 1;
        return id;
    }

    static double maxAbsDifference(double[] a, double[] b) {
        assertTrue(a.length == b.length, "lengths " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        double d = maxAbsDifference(expected, actual);
        assertTrue(d <= tolerance, what + ": max_abs " + d + " > " + tolerance);
    }
}
