package org.equikern.group;

import java.util.Objects;

/**
 * Real-basis Wigner D matrices in e3nn's convention: D_1 is the rotation matrix itself in
 * (x, y, z) order and {@code D_l(α, β, γ)} equals e3nn's {@code wigner_D(l, α, β, γ)}.
 *
 * <p>Built by coupling: with C = {@link Wigner3j} (1, l, l+1), the map P = √(2l+3)·C is an
 * isometry from the l+1 irrep into 1 ⊗ l, and (D_1 ⊗ D_l)·P = P·D_{l+1}, so
 * D_{l+1} = Pᵀ·(D_1 ⊗ D_l)·P. Every step is an orthogonal similarity, which keeps the recursion
 * accurate for large l; the sparse 3j tensors make each step O(l³).
 */
public final class WignerD {
    /** The largest degree: D_100 takes about half a second (O(l⁴) over the recursion). */
    public static final int MAX_L = 100;

    private WignerD() {
    }

    /**
     * D_l(R), row-major (2l+1)×(2l+1).
     *
     * @param l the degree, 0..{@link #MAX_L}
     * @param r the rotation
     * @return a new array of (2l+1)² values in the real basis of e3nn
     * @throws IllegalArgumentException when l is out of range
     */
    public static double[] of(int l, Rotation r) {
        if (l < 0 || l > MAX_L) {
            throw new IllegalArgumentException("degree l = " + l + " outside the supported range 0.." + MAX_L);
        }
        Objects.requireNonNull(r, "r");
        double[] d = {1.0};
        if (l == 0) return d;
        double[] d1 = r.matrix();
        d = d1;
        for (int k = 1; k < l; k++) d = raise(k, d1, d);
        return d;
    }

    /**
     * D_l of the rotation Ry(alpha)·Rx(beta)·Ry(gamma).
     *
     * @param l the degree, 0..{@link #MAX_L}
     * @param alpha angle of the last rotation about y, in radians
     * @param beta angle of the rotation about x, in radians
     * @param gamma angle of the first rotation about y, in radians
     * @return a new array of (2l+1)² values, row-major
     */
    public static double[] ofEuler(int l, double alpha, double beta, double gamma) {
        return of(l, Rotation.fromEuler(alpha, beta, gamma));
    }

    /**
     * The O(3) action on an irrep: D_l(R), times the irrep's parity sign when {@code inversion}
     * (the group element is R composed with −I; e3nn multiplies by p when det = −1).
     *
     * @param irrep the irrep acted on
     * @param r the rotation
     * @param inversion whether the element includes the inversion −I
     * @return a new (2l+1)×(2l+1) row-major array
     */
    public static double[] of(Irrep irrep, Rotation r, boolean inversion) {
        Objects.requireNonNull(irrep, "irrep");
        double[] d = of(irrep.l(), r);
        if (inversion && irrep.parity() == Parity.ODD) {
            for (int i = 0; i < d.length; i++) d[i] = -d[i];
        }
        return d;
    }

    /** D_{l+1} = Pᵀ·(D_1 ⊗ D_l)·P with P = √(2l+3)·C(1, l, l+1). */
    private static double[] raise(int l, double[] d1, double[] dl) {
        Wigner3j c = Wigner3j.raising(l);
        int n = 2 * l + 1;
        int out = 2 * l + 3;
        double scale = 2 * l + 3; // √(2l+3) from each of the two P factors
        // t[(a, b), m] = Σ_{(i, j)} D1[a, i]·Dl[b, j]·C[i, j, m]
        double[] t = new double[3 * n * out];
        int nnz = c.nonZeroCount();
        for (int e = 0; e < nnz; e++) {
            int i = c.nonZeroI(e);
            int j = c.nonZeroJ(e);
            int m = c.nonZeroK(e);
            double v = c.nonZeroValue(e);
            for (int a = 0; a < 3; a++) {
                double av = d1[3 * a + i] * v;
                if (av == 0) continue;
                int row = a * n;
                for (int b = 0; b < n; b++) t[(row + b) * out + m] += av * dl[b * n + j];
            }
        }
        // D[m', m] = scale · Σ_{(a, b)} C[a, b, m']·t[(a, b), m]
        double[] d = new double[out * out];
        for (int e = 0; e < nnz; e++) {
            int ab = c.nonZeroI(e) * n + c.nonZeroJ(e);
            double v = scale * c.nonZeroValue(e);
            int target = c.nonZeroK(e) * out;
            int source = ab * out;
            for (int m = 0; m < out; m++) d[target + m] += v * t[source + m];
        }
        return d;
    }
}
