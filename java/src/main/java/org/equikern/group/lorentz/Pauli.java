package org.equikern.group.lorentz;

/**
 * Complex 2×2 matrices as 8 interleaved doubles (re, im of entries 00, 01, 10, 11), and the Pauli
 * basis σ_0 = 1, σx, σy, σz that identifies 4-vectors with Hermitian matrices.
 */
final class Pauli {
    /** σ_0 = 1, σx, σy, σz. */
    static final double[][] SIGMA = {
        {1, 0, 0, 0, 0, 0, 1, 0},
        {0, 0, 1, 0, 1, 0, 0, 0},
        {0, 0, 0, -1, 0, 1, 0, 0},
        {1, 0, 0, 0, 0, 0, -1, 0},
    };

    private Pauli() {
    }

    /** The product of two 2×2 complex matrices. */
    static double[] multiply(double[] p, double[] q) {
        double[] r = new double[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < 2; k++) {
                    int a = 2 * (2 * i + k);
                    int b = 2 * (2 * k + j);
                    re += p[a] * q[b] - p[a + 1] * q[b + 1];
                    im += p[a] * q[b + 1] + p[a + 1] * q[b];
                }
                r[2 * (2 * i + j)] = re;
                r[2 * (2 * i + j) + 1] = im;
            }
        }
        return r;
    }

    /** X(p) = t·1 + x·σx + y·σy + z·σz = [[t+z, x−iy], [x+iy, t−z]]. */
    static double[] hermitian(double[] p) {
        return new double[] {p[0] + p[3], 0, p[1], -p[2], p[1], p[2], p[0] - p[3], 0};
    }

    /** The 4-vector p with X(p) = x for a Hermitian x: p_μ = ½·Re tr(σ_μ·x). */
    static double[] components(double[] x) {
        return new double[] {(x[0] + x[6]) / 2, (x[2] + x[4]) / 2, (x[5] - x[3]) / 2, (x[0] - x[6]) / 2};
    }
}
