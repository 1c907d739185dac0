package org.equikern.group;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An irreducible representation of O(3): degree {@code l} ≥ 0 and a parity. Written as in e3nn:
 * {@code "0e"}, {@code "1o"}, {@code "2e"}; {@code "1y"} means the parity of spherical harmonics.
 * Ordered like e3nn's tuples (l first, then odd before even).
 */
public final class Irrep implements Comparable<Irrep> {
    /**
     * The largest degree an irrep may have (65535: dimension 131071). Computations on irreps have
     * lower limits: {@link Wigner3j#MAX_L}, {@link WignerD#MAX_L}, {@link SphericalHarmonics#MAX_L}.
     */
    public static final int MAX_L = 0xFFFF;
    private final int l;
    private final Parity parity;

    private Irrep(int l, Parity parity) {
        if (l < 0 || l > MAX_L) {
            throw new IllegalArgumentException("irrep degree l = " + l + " outside the supported range 0.." + MAX_L);
        }
        this.l = l;
        this.parity = Objects.requireNonNull(parity, "parity");
    }

    /**
     * The irrep of degree {@code l} with the given parity.
     *
     * @param l the degree, 0..{@link #MAX_L}
     * @param parity even or odd
     * @return the irrep
     * @throws IllegalArgumentException when l is outside 0..{@link #MAX_L}
     */
    public static Irrep of(int l, Parity parity) {
        return new Irrep(l, parity);
    }

    /**
     * The irrep of degree l with parity sign +1 or -1.
     *
     * @param l the degree, 0..{@link #MAX_L}
     * @param paritySign +1 (even) or −1 (odd)
     * @return the irrep
     * @throws IllegalArgumentException for a degree out of range or another sign
     */
    public static Irrep of(int l, int paritySign) {
        return new Irrep(l, Parity.ofSign(paritySign));
    }

    /**
     * Parses {@code "2e"}, {@code "1o"} or {@code "3y"}.
     *
     * @param text one irrep, e.g. {@code "2e"}; surrounding white space is ignored
     * @return the irrep; {@code "ly"} gives the parity (−1)^l
     * @throws IllegalArgumentException when the text is not one irrep, naming the text
     */
    public static Irrep parse(String text) {
        Objects.requireNonNull(text, "text");
        return IrrepsParser.parseIrrep(text, text.strip(), 0);
    }

    /**
     * The degree l.
     *
     * @return l, 0..{@link #MAX_L}
     */
    public int l() {
        return l;
    }

    /**
     * The parity under inversion.
     *
     * @return even or odd
     */
    public Parity parity() {
        return parity;
    }

    /**
     * Dimension 2l+1.
     *
     * @return 2l+1
     */
    public int dim() {
        return 2 * l + 1;
    }

    /**
     * True for {@code 0e}.
     *
     * @return whether this is the even scalar {@code 0e}
     */
    public boolean isScalar() {
        return l == 0 && parity == Parity.EVEN;
    }

    /**
     * The irreps in the product of this and {@code other}: |l1-l2| ≤ l ≤ l1+l2, parities multiplied.
     *
     * @param other the second factor
     * @return the possible output irreps in ascending l, unmodifiable
     */
    public List<Irrep> times(Irrep other) {
        Parity p = parity.times(other.parity);
        List<Irrep> out = new ArrayList<>();
        for (int lo = Math.abs(l - other.l); lo <= l + other.l; lo++) {
            out.add(new Irrep(lo, p));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The selection rule: whether {@code out} appears in {@code this ⊗ other}.
     *
     * @param other the second factor
     * @param out the candidate output irrep
     * @return true when |l1−l2| ≤ l_out ≤ l1+l2 and the parities multiply to out's
     */
    public boolean couplesTo(Irrep other, Irrep out) {
        return Math.abs(l - other.l) <= out.l && out.l <= l + other.l
                && parity.times(other.parity) == out.parity;
    }

    @Override
    public int compareTo(Irrep o) {
        int c = Integer.compare(l, o.l);
        return c != 0 ? c : Integer.compare(parity.sign(), o.parity.sign());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Irrep && ((Irrep) o).l == l && ((Irrep) o).parity == parity;
    }

    @Override
    public int hashCode() {
        return 2 * l + (parity == Parity.EVEN ? 1 : 0);
    }

    @Override
    public String toString() {
        return l + String.valueOf(parity.letter());
    }
}
