package org.equikern.ops.lorentzproduct;

/** Argument checks shared by this package's ops; messages name the call, the argument and the lengths. */
final class ComplexChecks {
    private ComplexChecks() {
    }

    static void batch(String op, int batch) {
        if (batch < 0) throw new IllegalArgumentException(op + ": batch must be >= 0, got " + batch);
    }

    /** Requires a non-null tensor of {@code expected} entries. */
    static void required(String op, String name, ComplexTensor t, long expected) {
        if (t == null) throw new IllegalArgumentException(op + ": " + name + " must not be null");
        optional(op, name, t, expected);
    }

    /** Requires a null tensor or one of {@code expected} entries. */
    static void optional(String op, String name, ComplexTensor t, long expected) {
        if (t != null && t.length() != expected) {
            throw new IllegalArgumentException(op + ": " + name + " has " + t.length() + " entries, expected "
                    + expected);
        }
    }

    /** batch · perSample, exactly. */
    static long rows(int batch, int perSample) {
        return Math.multiplyExact((long) batch, (long) perSample);
    }
}
