package org.equikern.data.jets;

import java.util.random.RandomGenerator;

/** Unit vectors: uniform on the sphere, or at a given polar angle about an axis. */
final class Directions {
    private Directions() {
    }

    /** A uniform unit vector: cos θ uniform in [−1, 1], φ uniform in [0, 2π). */
    static double[] isotropic(RandomGenerator random) {
        return around(new double[] {0, 0, 1}, 2 * random.nextDouble() - 1, 2 * Math.PI * random.nextDouble());
    }

    /**
     * The unit vector at polar angle acos(cosTheta) from the unit vector {@code axis} and azimuth φ
     * about it (φ measured from an axis-dependent perpendicular, which is all a uniform φ needs).
     */
    static double[] around(double[] axis, double cosTheta, double phi) {
        // A perpendicular from the coordinate axis least aligned with the given one, then their cross product.
        double[] helper = Math.abs(axis[0]) < 0.6 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] e1 = normalized(cross(axis, helper));
        double[] e2 = cross(axis, e1);
        double sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        double c = sinTheta * Math.cos(phi);
        double s = sinTheta * Math.sin(phi);
        return new double[] {cosTheta * axis[0] + c * e1[0] + s * e2[0], cosTheta * axis[1] + c * e1[1] + s * e2[1],
                cosTheta * axis[2] + c * e1[2] + s * e2[2]};
    }

    /** The unit vector along the 3-momentum of {@code p} (E, p_x, p_y, p_z); +z for a particle at rest. */
    static double[] of(double[] p) {
        double norm = Math.sqrt(p[1] * p[1] + p[2] * p[2] + p[3] * p[3]);
        return norm == 0 ? new double[] {0, 0, 1} : new double[] {p[1] / norm, p[2] / norm, p[3] / norm};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalized(double[] v) {
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }
}
