package org.equikern.group;

/** Behaviour of an irrep under inversion: even ({@code e}, +1) or odd ({@code o}, -1). */
public enum Parity {
    /** Changes sign under inversion (sign −1, letter {@code o}). */
    ODD(-1, 'o'),
    /** Unchanged by inversion (sign +1, letter {@code e}). */
    EVEN(1, 'e');

    private final int sign;
    private final char letter;

    Parity(int sign, char letter) {
        this.sign = sign;
        this.letter = letter;
    }

    /**
     * +1 for even, -1 for odd.
     *
     * @return the sign under inversion
     */
    public int sign() {
        return sign;
    }

    /**
     * {@code 'e'} or {@code 'o'}, as in e3nn's irreps strings.
     *
     * @return the letter
     */
    public char letter() {
        return letter;
    }

    /**
     * The parity of a product.
     *
     * @param other the other factor's parity
     * @return even when both parities are equal, odd otherwise
     */
    public Parity times(Parity other) {
        return this == other ? EVEN : ODD;
    }

    /**
     * The parity of spherical harmonics of degree l: (-1)^l.
     *
     * @param l the degree, ≥ 0
     * @return even for even l, odd for odd l
     */
    public static Parity ofSphericalHarmonic(int l) {
        return (l & 1) == 0 ? EVEN : ODD;
    }

    /**
     * The parity with a sign.
     *
     * @param sign +1 or −1
     * @return even for +1, odd for −1
     * @throws IllegalArgumentException for any other sign
     */
    public static Parity ofSign(int sign) {
        if (sign == 1) return EVEN;
        if (sign == -1) return ODD;
        throw new IllegalArgumentException("parity sign must be +1 or -1, got " + sign);
    }
}
