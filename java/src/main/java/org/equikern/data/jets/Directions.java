package org.equikern.data.jets;

import java.util.random.RandomGenerator;

/** Unit vectors drawn uniformly on the sphere. */
final class Directions {
    private Directions() {
    }

    /** A uniform unit vector: cos θ uniform in [−1, 1], φ uniform in [0, 2π). */
    static double[] isotropic(RandomGenerator random) {
        double cosTheta = 2 * random.nextDouble() - 1;
        double sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        double phi = 2 * Math.PI * random.nextDouble();
        return new double[] {sinTheta * Math.cos(phi), sinTheta * Math.sin(phi), cosTheta};
    }
}
