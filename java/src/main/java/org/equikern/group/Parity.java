package org.equikern.group;

/** Behaviour of an irrep under inversion: even ({@code e}, +1) or odd ({@code o}, -1). */
public enum Parity {
    ODD(-1, 'o'),
    EVEN(1, 'e');

    private final int sign;
    private final char letter;

    Parity(int sign, char letter) {
        this.sign = sign;
        this.letter = letter;
    }

    /** +1 for even, -1 for odd. */
    public int sign() {
        return sign;
    }

    /** {@code 'e'} or {@code 'o'}, as in e3nn's irreps strings. */
    public char letter() {
        return letter;
    }

    public Parity times(Parity other) {
        return this == other ? EVEN : ODD;
    }

    /** The parity of spherical harmonics of degree l: (-1)^l. */
    public static Parity ofSphericalHarmonic(int l) {
        return (l & 1) == 0 ? EVEN : ODD;
    }

    public static Parity ofSign(int sign) {
        if (sign == 1) return EVEN;
        if (sign == -1) return ODD;
        throw new IllegalArgumentException("parity sign must be +1 or -1, got " + sign);
    }
}
