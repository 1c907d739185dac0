package org.equikern.group;

import java.util.Random;

/**
 * An immutable proper rotation of R³ (orthogonal, determinant +1), stored as a row-major 3×3
 * matrix acting on column vectors (x, y, z). Euler angles follow e3nn: R = Ry(α)·Rx(β)·Ry(γ);
 * quaternions (w, x, y, z) follow the Hamilton convention e3nn uses.
 */
public final class Rotation {
    private static final double TOLERANCE = 1e-9;
    private static final Rotation IDENTITY = new Rotation(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});

    private final double[] m;

    private Rotation(double[] m) {
        this.m = m;
    }

    /**
     * The identity rotation.
     *
     * @return the identity
     */
    public static Rotation identity() {
        return IDENTITY;
    }

    /**
     * R = Ry(alpha)·Rx(beta)·Ry(gamma), angles in radians (e3nn's {@code angles_to_matrix}).
     *
     * @param alpha angle of the last rotation about y, in radians
     * @param beta angle of the rotation about x, in radians
     * @param gamma angle of the first rotation about y, in radians
     * @return the rotation
     */
    public static Rotation fromEuler(double alpha, double beta, double gamma) {
        return aboutY(alpha).times(aboutX(beta)).times(aboutY(gamma));
    }

    /**
     * Rotation by {@code angle} about the y axis.
     *
     * @param angle the angle in radians (right-handed)
     * @return the rotation
     */
    public static Rotation aboutY(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Rotation(new double[] {c, 0, s, 0, 1, 0, -s, 0, c});
    }

    /**
     * Rotation by {@code angle} about the x axis.
     *
     * @param angle the angle in radians (right-handed)
     * @return the rotation
     */
    public static Rotation aboutX(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Rotation(new double[] {1, 0, 0, 0, c, -s, 0, s, c});
    }

    /**
     * The rotation of the quaternion (w, x, y, z), normalized first; q and −q give the same rotation.
     *
     * @param w the real part
     * @param x the i component
     * @param y the j component
     * @param z the k component
     * @return the rotation
     * @throws IllegalArgumentException for a zero or non-finite quaternion
     */
    public static Rotation fromQuaternion(double w, double x, double y, double z) {
        double n = Math.sqrt(w * w + x * x + y * y + z * z);
        if (!(n > 0) || Double.isInfinite(n)) {
            throw new IllegalArgumentException("cannot normalize quaternion (" + w + ", " + x + ", " + y + ", "
                    + z + ")");
        }
        w /= n;
        x /= n;
        y /= n;
        z /= n;
        return new Rotation(new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
            2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
            2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)});
    }

    /**
     * The rotation with this row-major matrix.
     *
     * @param matrix the 3×3 matrix, row-major; copied
     * @return the rotation
     * @throws IllegalArgumentException unless it has 9 finite entries, is orthogonal and has
     *     determinant +1, each to 1e-9
     */
    public static Rotation fromMatrix(double[] matrix) {
        if (matrix.length != 9) {
            throw new IllegalArgumentException("a rotation matrix needs 9 entries (row-major 3x3), got "
                    + matrix.length);
        }
        double[] a = matrix.clone();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = a[i] * a[j] + a[3 + i] * a[3 + j] + a[6 + i] * a[6 + j];
                double error = Math.abs(dot - (i == j ? 1 : 0));
                if (!(error <= TOLERANCE)) {
                    throw new IllegalArgumentException("matrix is not orthogonal: (R^T R)[" + i + "][" + j + "] = "
                            + dot + ", off by " + error + " (tolerance " + TOLERANCE + ")");
                }
            }
        }
        double det = determinant(a);
        if (!(Math.abs(det - 1) <= TOLERANCE)) {
            throw new IllegalArgumentException("matrix is orthogonal but det = " + det
                    + " (an improper rotation); a rotation needs det = +1");
        }
        return new Rotation(a);
    }

    /**
     * A Haar-uniform random rotation: a normalized Gaussian quaternion.
     *
     * @param random the source of Gaussian samples
     * @return a random rotation
     */
    public static Rotation random(Random random) {
        while (true) {
            double w = random.nextGaussian();
            double x = random.nextGaussian();
            double y = random.nextGaussian();
            double z = random.nextGaussian();
            // Reject near-zero draws so normalization stays accurate.
            if (w * w + x * x + y * y + z * z > 1e-6) return fromQuaternion(w, x, y, z);
        }
    }

    private static double determinant(double[] a) {
        return a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6])
                + a[2] * (a[3] * a[7] - a[4] * a[6]);
    }

    /**
     * Euler angles {α, β, γ} with R = Ry(α)·Rx(β)·Ry(γ), as e3nn's {@code matrix_to_angles}:
     * α, γ in (−π, π], β in [0, π].
     *
     * @return a new array {α, β, γ} in radians
     */
    public double[] toEuler() {
        // R·e_y = (sinβ sinα, cosβ, sinβ cosα)
        double x = m[1];
        double y = m[4];
        double z = m[7];
        double alpha = Math.atan2(x, z);
        double beta = Math.acos(Math.max(-1, Math.min(1, y)));
        // Ry(γ) = (Ry(α)Rx(β))^T · R; its first row is (cosγ, 0, sinγ).
        Rotation rest = fromEuler(alpha, beta, 0).inverse().times(this);
        double gamma = Math.atan2(rest.m[2], rest.m[0]);
        return new double[] {alpha, beta, gamma};
    }

    /**
     * The unit quaternion (w, x, y, z) of this rotation, with w ≥ 0.
     *
     * @return a new array {w, x, y, z}
     */
    public double[] toQuaternion() {
        double trace = m[0] + m[4] + m[8];
        double w;
        double x;
        double y;
        double z;
        // Shepperd: divide by the largest of 4w², 4x², 4y², 4z² for accuracy.
        if (trace >= m[0] && trace >= m[4] && trace >= m[8]) {
            double s = 2 * Math.sqrt(1 + trace);
            w = s / 4;
            x = (m[7] - m[5]) / s;
            y = (m[2] - m[6]) / s;
            z = (m[3] - m[1]) / s;
        } else if (m[0] >= m[4] && m[0] >= m[8]) {
            double s = 2 * Math.sqrt(1 + m[0] - m[4] - m[8]);
            w = (m[7] - m[5]) / s;
            x = s / 4;
            y = (m[1] + m[3]) / s;
            z = (m[2] + m[6]) / s;
        } else if (m[4] >= m[8]) {
            double s = 2 * Math.sqrt(1 + m[4] - m[0] - m[8]);
            w = (m[2] - m[6]) / s;
            x = (m[1] + m[3]) / s;
            y = s / 4;
            z = (m[5] + m[7]) / s;
        } else {
            double s = 2 * Math.sqrt(1 + m[8] - m[0] - m[4]);
            w = (m[3] - m[1]) / s;
            x = (m[2] + m[6]) / s;
            y = (m[5] + m[7]) / s;
            z = s / 4;
        }
        double sign = w < 0 ? -1 : 1;
        double n = sign / Math.sqrt(w * w + x * x + y * y + z * z);
        return new double[] {w * n, x * n, y * n, z * n};
    }

    /**
     * A copy of the row-major 3×3 matrix.
     *
     * @return a new 9-element array
     */
    public double[] matrix() {
        return m.clone();
    }

    /**
     * Entry (row, column) of the matrix, each 0..2.
     *
     * @param row the row, 0..2
     * @param column the column, 0..2
     * @return the entry
     */
    public double get(int row, int column) {
        return m[3 * row + column];
    }

    /**
     * R·v for a 3-vector, as a new array.
     *
     * @param v the vector, length 3; unchanged
     * @return the rotated vector
     * @throws IllegalArgumentException when v does not have 3 entries
     */
    public double[] apply(double[] v) {
        if (v.length != 3) {
            throw new IllegalArgumentException("expected a 3-vector, got length " + v.length);
        }
        return new double[] {
            m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
            m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
            m[6] * v[0] + m[7] * v[1] + m[8] * v[2]};
    }

    /**
     * The composition {@code this · other} (other applied first).
     *
     * @param other the rotation applied first
     * @return the product rotation
     */
    public Rotation times(Rotation other) {
        double[] b = other.m;
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = m[3 * i] * b[j] + m[3 * i + 1] * b[3 + j] + m[3 * i + 2] * b[6 + j];
            }
        }
        return new Rotation(c);
    }

    /**
     * The inverse rotation, the transpose.
     *
     * @return the inverse
     */
    public Rotation inverse() {
        return new Rotation(new double[] {m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]});
    }

    @Override
    public String toString() {
        return "Rotation[" + m[0] + ", " + m[1] + ", " + m[2] + "; " + m[3] + ", " + m[4] + ", " + m[5] + "; "
                + m[6] + ", " + m[7] + ", " + m[8] + "]";
    }
}
