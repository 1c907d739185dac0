package org.equikern.data.jets;

/**
 * Four-vector arithmetic of the shower, on (E, p_x, p_y, p_z) arrays with metric (+, −, −, −).
 */
final class Kinematics {
    private Kinematics() {
    }

    /** The invariant mass squared E² − |p|². */
    static double massSquared(double[] p) {
        return p[0] * p[0] - p[1] * p[1] - p[2] * p[2] - p[3] * p[3];
    }

    /**
     * The momentum of either child in the rest frame of a parent of mass {@code m} decaying to
     * masses {@code m1} and {@code m2} (Källén's function): √((m² − (m1+m2)²)(m² − (m1−m2)²)) / 2m.
     */
    static double twoBodyMomentum(double m, double m1, double m2) {
        double sum = m1 + m2;
        double difference = m1 - m2;
        double product = (m - sum) * (m + sum) * (m - difference) * (m + difference);
        return Math.sqrt(Math.max(0, product)) / (2 * m);
    }

    /**
     * The 4-vector {@code rest}, given in the rest frame of a parent of mass {@code mass}, in the frame
     * where the parent has 4-momentum {@code parent}: the pure boost E' = (E_P·E + P·p)/M,
     * p' = p + P·((P·p)/(M(E_P + M)) + E/M).
     */
    static double[] boostFromRest(double[] parent, double mass, double[] rest) {
        double dot = parent[1] * rest[1] + parent[2] * rest[2] + parent[3] * rest[3];
        double factor = dot / (mass * (parent[0] + mass)) + rest[0] / mass;
        return new double[] {(parent[0] * rest[0] + dot) / mass, rest[1] + factor * parent[1],
                rest[2] + factor * parent[2], rest[3] + factor * parent[3]};
    }

    /** The 4-momentum of mass {@code mass} and 3-momentum {@code momentum}·n for a unit vector n. */
    static double[] onShell(double mass, double momentum, double[] direction) {
        return new double[] {Math.hypot(mass, momentum), momentum * direction[0], momentum * direction[1],
                momentum * direction[2]};
    }
}
