package org.equikern.group.lorentz;

/**
 * Minkowski space with metric η = diag(+1, −1, −1, −1): 4-vectors (t, x, y, z) as {@code double[4]},
 * their inner products, and the map to the canonical components of the (1,1) irrep.
 */
public final class Minkowski {
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    private Minkowski() {
    }

    /**
     * The metric η = diag(+1, −1, −1, −1), row-major 4×4.
     *
     * @return a new array of 16 values
     */
    public static double[] metric() {
        return new double[] {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1};
    }

    /**
     * ⟨p, q⟩ = p_t q_t − p_x q_x − p_y q_y − p_z q_z.
     *
     * @param p a 4-vector (t, x, y, z)
     * @param q a 4-vector (t, x, y, z)
     * @return the Minkowski product
     * @throws IllegalArgumentException unless both have 4 entries
     */
    public static double dot(double[] p, double[] q) {
        requireFourVector("p", p);
        requireFourVector("q", q);
        return p[0] * q[0] - p[1] * q[1] - p[2] * q[2] - p[3] * q[3];
    }

    /**
     * ⟨p, p⟩: the squared invariant mass of a 4-momentum.
     *
     * @param p a 4-vector (t, x, y, z)
     * @return ⟨p, p⟩, negative for space-like p
     * @throws IllegalArgumentException unless p has 4 entries
     */
    public static double squaredNorm(double[] p) {
        return dot(p, p);
    }

    /**
     * The canonical (1,1) components of p, a 4×1 column: (t, (x − iy)/√2, z, −(x + iy)/√2) — the
     * scalar block l = 0, then the spherical components m = −1, 0, +1 of the spatial part. With it,
     * {@code LorentzD.of((1,1), g) · toCanonical(p) = toCanonical(g.toLorentz().apply(p))}.
     *
     * @param p a 4-vector (t, x, y, z)
     * @return a new 4×1 complex column
     * @throws IllegalArgumentException unless p has 4 entries
     */
    public static ComplexMatrix toCanonical(double[] p) {
        requireFourVector("p", p);
        return ComplexMatrix.wrap(4, 1, new double[] {p[0], p[1] * INV_SQRT2, p[3], -p[1] * INV_SQRT2},
                new double[] {0, -p[2] * INV_SQRT2, 0, -p[2] * INV_SQRT2});
    }

    /**
     * The 4-vector with canonical components v, the inverse of {@link #toCanonical}: t = v₀,
     * x = (v₁ − v₃)/√2, y = i(v₁ + v₃)/√2, z = v₂. Only the real part of each is kept, so a v that
     * is not the image of a real vector is projected onto one.
     *
     * @param v the canonical components, a 4×1 complex column
     * @return a new 4-vector (t, x, y, z)
     * @throws IllegalArgumentException unless v is 4×1
     */
    public static double[] fromCanonical(ComplexMatrix v) {
        if (v.rows() != 4 || v.cols() != 1) {
            throw new IllegalArgumentException("canonical (1,1) components must be 4 x 1, got " + v.rows() + " x "
                    + v.cols());
        }
        return new double[] {v.re(0, 0), (v.re(1, 0) - v.re(3, 0)) * INV_SQRT2,
            -(v.im(1, 0) + v.im(3, 0)) * INV_SQRT2, v.re(2, 0)};
    }

    static void requireFourVector(String name, double[] p) {
        if (p.length != 4) {
            throw new IllegalArgumentException(name + " must be a 4-vector (t, x, y, z), got " + p.length + " values");
        }
    }
}
