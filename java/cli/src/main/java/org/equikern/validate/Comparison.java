package org.equikern.validate;

/**
 * The distance between computed and reference arrays: the largest absolute difference, and that
 * divided by the largest reference magnitude (so near-zero entries do not dominate). NaN anywhere
 * fails. Comparisons of several arrays of one case combine with {@link #and(Comparison)}.
 */
public final class Comparison {
    private final double maxAbs;
    private final double maxRel;
    private final boolean pass;
    private final String worst;

    private Comparison(double maxAbs, double maxRel, boolean pass, String worst) {
        this.maxAbs = maxAbs;
        this.maxRel = maxRel;
        this.pass = pass;
        this.worst = worst;
    }

    /** Compares {@code actual} with {@code expected}; {@code what} names the array in messages. */
    public static Comparison of(String what, double[] expected, double[] actual, Tolerance tolerance) {
        if (expected.length != actual.length) {
            return new Comparison(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false,
                    what + ": length " + actual.length + " but reference has " + expected.length);
        }
        double maxAbs = 0;
        double scale = 0;
        boolean finite = true;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            if (Double.isNaN(d)) finite = false;
            maxAbs = Math.max(maxAbs, d);
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        if (!finite) maxAbs = Double.NaN;
        double maxRel = scale > 0 ? maxAbs / scale : maxAbs;
        boolean pass = finite && tolerance.accepts(maxAbs, maxRel);
        return new Comparison(maxAbs, maxRel, pass, what);
    }

    /** Compares float results, widened exactly to double. */
    public static Comparison of(String what, double[] expected, float[] actual, Tolerance tolerance) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) widened[i] = actual[i];
        return of(what, expected, widened, tolerance);
    }

    /** The worse of the two, both required to pass. */
    public Comparison and(Comparison other) {
        boolean bothPass = pass && other.pass;
        Comparison worse = worseOf(this, other);
        return new Comparison(Math.max(maxAbs, other.maxAbs), Math.max(maxRel, other.maxRel), bothPass,
                worse.worst);
    }

    private static Comparison worseOf(Comparison a, Comparison b) {
        if (a.pass != b.pass) return a.pass ? b : a;
        return a.maxRel >= b.maxRel ? a : b;
    }

    public double maxAbs() {
        return maxAbs;
    }

    public double maxRel() {
        return maxRel;
    }

    public boolean passed() {
        return pass;
    }

    /** The array that set the maximum (or failed). */
    public String worstArray() {
        return worst;
    }
}
