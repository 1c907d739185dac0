package org.equikern.nn;

/** Parameter checks shared by the radial functions. */
final class RadialChecks {
    private RadialChecks() {
    }

    static void positiveFinite(String owner, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be positive and finite, got " + value);
        }
    }

    static void atLeast(String owner, String name, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= " + minimum + ", got " + value);
        }
    }
}
