package org.equikern.cli.figures;

import java.util.Arrays;

/** A named set of (x, y) points of a figure. Immutable: the arrays are copied in and out. */
public record Series(String name, double[] x, double[] y) {
    /** Checks that the name is not empty, the arrays have equal, non-zero length and hold finite values. */
    public Series {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("series: name must not be empty");
        }
        if (x == null || y == null || x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "': x and y must hold the same, non-zero number of "
                    + "points, got " + (x == null ? "null" : x.length + "") + " and " + (y == null ? "null" : y.length + ""));
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("series '" + name + "': point " + i + " is (" + x[i] + ", " + y[i]
                        + "), must be finite");
            }
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    /** @throws IllegalArgumentException naming the first point that is not positive (for a log axis) */
    void requirePositive() {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0) || !(y[i] > 0)) {
                throw new IllegalArgumentException("series '" + name + "': point " + i + " is (" + x[i] + ", " + y[i]
                        + "); log-log axes need positive values");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && Arrays.equals(x, s.x) && Arrays.equals(y, s.y);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(x)) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + x.length + " points]";
    }
}
