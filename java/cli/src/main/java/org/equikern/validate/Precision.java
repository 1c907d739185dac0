package org.equikern.validate;

/** Floating-point precision a case is executed in. */
public enum Precision {
    F64("f64"),
    F32("f32");

    private final String label;

    Precision(String label) {
        this.label = label;
    }

    /** {@code f64} or {@code f32}, as printed by the harness. */
    public String label() {
        return label;
    }

    /** Parses {@code f64}, {@code f32}; {@code both} is handled by the caller. */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.label.equals(text)) return p;
        }
        throw new IllegalArgumentException("unknown precision '" + text + "'; known: f64, f32, both");
    }
}
