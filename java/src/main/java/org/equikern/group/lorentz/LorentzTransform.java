package org.equikern.group.lorentz;

import java.util.Arrays;
import java.util.Random;
import org.equikern.group.Rotation;

/**
 * An immutable proper orthochronous Lorentz transformation Λ ∈ SO⁺(1,3): a real row-major 4×4
 * matrix acting on column 4-vectors (t, x, y, z), with Λᵀ·η·Λ = η, det Λ = +1 and Λ[0][0] ≥ 1
 * ({@link Minkowski} metric η = diag(+1, −1, −1, −1)). {@link SL2C#toLorentz()} and
 * {@link SL2C#fromLorentz} map between it and its two preimages ±A in SL(2,C).
 */
public final class LorentzTransform {
    private static final double TOLERANCE = 1e-9;

    private final double[] m;

    private LorentzTransform(double[] m) {
        this.m = m;
    }

    /** Wraps a matrix this package computed from a group element. */
    static LorentzTransform trusted(double[] m) {
        return new LorentzTransform(m);
    }

    /**
     * The identity.
     *
     * @return the 4×4 identity
     */
    public static LorentzTransform identity() {
        return new LorentzTransform(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
    }

    /**
     * The transformation with this row-major 4×4 matrix (copied).
     *
     * @param matrix 16 values, row-major, indices in the order t, x, y, z
     * @return the transformation
     * @throws IllegalArgumentException unless it has 16 finite entries, preserves the metric
     *     (|Λᵀ·η·Λ − η| ≤ 1e-9 times the largest squared entry), has Λ[0][0] &gt; 0 and det &gt; 0
     */
    public static LorentzTransform of(double[] matrix) {
        if (matrix.length != 16) {
            throw new IllegalArgumentException("a Lorentz transformation is 4 x 4 (16 values), got " + matrix.length);
        }
        double scale = 1;
        for (double v : matrix) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("Lorentz matrix has a non-finite entry " + v);
            scale = Math.max(scale, v * v);
        }
        double[] eta = Minkowski.metric();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double g = 0;
                for (int k = 0; k < 4; k++) g += matrix[4 * k + i] * eta[5 * k] * matrix[4 * k + j];
                if (Math.abs(g - eta[4 * i + j]) > TOLERANCE * scale) {
                    throw new IllegalArgumentException("matrix does not preserve the Minkowski metric: (L^T eta L)[" + i
                            + "][" + j + "] = " + g + ", expected " + eta[4 * i + j]);
                }
            }
        }
        if (!(matrix[0] > 0)) {
            throw new IllegalArgumentException("L[0][0] = " + matrix[0] + ": not orthochronous (time reversal)");
        }
        if (!(determinant(matrix) > 0)) {
            throw new IllegalArgumentException("det L = " + determinant(matrix) + ": not proper (a parity flip)");
        }
        return new LorentzTransform(matrix.clone());
    }

    /**
     * The pure boost of {@code rapidity} η along the direction (x, y, z) (normalized): maps the
     * rest frame (1, 0, 0, 0) to (cosh η, sinh η · n).
     *
     * @param rapidity η, finite
     * @param x the direction's x component
     * @param y the direction's y component
     * @param z the direction's z component
     * @return the boost
     * @throws IllegalArgumentException for a zero or non-finite direction or a non-finite rapidity
     */
    public static LorentzTransform boost(double rapidity, double x, double y, double z) {
        return SL2C.boost(rapidity, x, y, z).toLorentz();
    }

    /**
     * The spatial rotation R (time untouched).
     *
     * @param r the rotation of (x, y, z)
     * @return the transformation
     */
    public static LorentzTransform rotation(Rotation r) {
        double[] l = new double[16];
        l[0] = 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) l[4 * (i + 1) + j + 1] = r.get(i, j);
        }
        return new LorentzTransform(l);
    }

    /**
     * {@link SL2C#random}'s element as a Lorentz transformation: rapidity uniform in [0, maxRapidity].
     *
     * @param random the source of randomness
     * @param maxRapidity the largest rapidity, finite and ≥ 0
     * @return the random transformation
     * @throws IllegalArgumentException unless maxRapidity is finite and ≥ 0
     */
    public static LorentzTransform random(Random random, double maxRapidity) {
        return SL2C.random(random, maxRapidity).toLorentz();
    }

    /**
     * The product {@code this · other} (apply other first).
     *
     * @param other the transformation applied first
     * @return the product
     */
    public LorentzTransform times(LorentzTransform other) {
        double[] c = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                for (int j = 0; j < 4; j++) c[4 * i + j] += m[4 * i + k] * other.m[4 * k + j];
            }
        }
        return new LorentzTransform(c);
    }

    /**
     * The inverse η·Λᵀ·η.
     *
     * @return the inverse transformation
     */
    public LorentzTransform inverse() {
        double[] inv = new double[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) inv[4 * i + j] = ((i == 0) == (j == 0) ? 1 : -1) * m[4 * j + i];
        }
        return new LorentzTransform(inv);
    }

    /**
     * Λ·p for a 4-vector, as a new array.
     *
     * @param p a 4-vector (t, x, y, z)
     * @return the transformed 4-vector
     * @throws IllegalArgumentException unless p has 4 entries
     */
    public double[] apply(double[] p) {
        Minkowski.requireFourVector("p", p);
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = m[4 * i] * p[0] + m[4 * i + 1] * p[1] + m[4 * i + 2] * p[2] + m[4 * i + 3] * p[3];
        }
        return out;
    }

    /**
     * The rapidity of the boost in Λ = B·R: Λ[0][0] = cosh η.
     *
     * @return η ≥ 0
     */
    public double rapidity() {
        return SL2C.acosh(Math.max(1, m[0]));
    }

    /**
     * A copy of the row-major 4×4 matrix.
     *
     * @return a new array of 16 values
     */
    public double[] matrix() {
        return m.clone();
    }

    /**
     * Entry (row, column), each 0..3 in the order t, x, y, z.
     *
     * @param row the row, 0..3
     * @param column the column, 0..3
     * @return the entry
     * @throws IndexOutOfBoundsException for an entry outside 4×4
     */
    public double get(int row, int column) {
        if (row < 0 || row > 3 || column < 0 || column > 3) {
            throw new IndexOutOfBoundsException("entry (" + row + ", " + column + ") outside 4 x 4");
        }
        return m[4 * row + column];
    }

    /** det by Gaussian elimination with partial pivoting. */
    private static double determinant(double[] matrix) {
        double[] a = matrix.clone();
        double det = 1;
        for (int col = 0; col < 4; col++) {
            int pivot = col;
            for (int r = col + 1; r < 4; r++) {
                if (Math.abs(a[4 * r + col]) > Math.abs(a[4 * pivot + col])) pivot = r;
            }
            if (a[4 * pivot + col] == 0) return 0;
            if (pivot != col) {
                for (int j = 0; j < 4; j++) {
                    double t = a[4 * col + j];
                    a[4 * col + j] = a[4 * pivot + j];
                    a[4 * pivot + j] = t;
                }
                det = -det;
            }
            det *= a[4 * col + col];
            for (int r = col + 1; r < 4; r++) {
                double f = a[4 * r + col] / a[4 * col + col];
                for (int j = col; j < 4; j++) a[4 * r + j] -= f * a[4 * col + j];
            }
        }
        return det;
    }

    @Override
    public String toString() {
        return "LorentzTransform" + Arrays.toString(m);
    }
}
