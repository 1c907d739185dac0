package org.equikern.ops.optimizer;

/** The range check of every hyperparameter and per-step scalar of this package, with one message shape. */
final class Ranges {
    private Ranges() {
    }

    /**
     * Rejects {@code value} outside [low, high) or [low, high] (NaN included).
     *
     * @throws IllegalArgumentException "{@code call}: {@code name} = value: must be in [low, high)"
     */
    static void check(String call, String name, double value, double low, double high, boolean highInclusive) {
        boolean ok = value >= low && (highInclusive ? value <= high : value < high);
        if (!ok) {
            throw new IllegalArgumentException(call + ": " + name + " = " + value + ": must be in [" + low + ", "
                    + high + (highInclusive ? "]" : ")"));
        }
    }
}
