package org.equikern.validate;

/**
 * How close an actual array must be to the reference, from SCHEMA.md: float64 uses 1e-10
 * absolute for Wigner 3j, Wigner D and unit-vector spherical harmonics and 1e-9 relative
 * elsewhere; float32 uses 1e-5 relative to the largest magnitude of the case.
 */
public final class Tolerance {
    /** float64, absolute. */
    public static final Tolerance F64_ABSOLUTE = new Tolerance(1e-10, false);
    /** float64, relative to the case's largest magnitude. */
    public static final Tolerance F64_RELATIVE = new Tolerance(1e-9, true);
    /** float64, absolute, for exactly computed host-side coefficients (Lorentz Clebsch–Gordan). */
    public static final Tolerance F64_EXACT = new Tolerance(1e-13, false);
    /** float32, relative to the case's largest magnitude. */
    public static final Tolerance F32_RELATIVE = new Tolerance(1e-5, true);

    private final double bound;
    private final boolean relative;

    private Tolerance(double bound, boolean relative) {
        this.bound = bound;
        this.relative = relative;
    }

    /** The SCHEMA.md tolerance for a precision; {@code absoluteInF64} for 3j, D and unit SH. */
    public static Tolerance of(Precision precision, boolean absoluteInF64) {
        if (precision == Precision.F32) return F32_RELATIVE;
        return absoluteInF64 ? F64_ABSOLUTE : F64_RELATIVE;
    }

    public double bound() {
        return bound;
    }

    public boolean isRelative() {
        return relative;
    }

    boolean accepts(double maxAbs, double maxRel) {
        return relative ? maxRel <= bound : maxAbs <= bound;
    }

    @Override
    public String toString() {
        return (relative ? "rel " : "abs ") + bound;
    }
}
