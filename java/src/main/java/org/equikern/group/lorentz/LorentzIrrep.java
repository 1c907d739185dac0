package org.equikern.group.lorentz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An irreducible representation (k, n) of SL(2,C), the double cover of the proper orthochronous
 * Lorentz group SO⁺(1,3): spin (k/2, n/2), dimension (k+1)(n+1). (0,0) is the scalar, (1,0) and
 * (0,1) the two Weyl spinors, (1,1) the 4-vector.
 *
 * <p>Components are in LGN's "canonical" basis: the SU(2) (rotation) blocks of spin
 * l = |k−n|/2, …, (k+n)/2 concatenated in that order, each with m ascending −l … l. Spins are
 * passed doubled ({@code twoL = 2l}, {@code twoM = 2m}) since they may be half-integers.
 * Ordered by k, then n.
 */
public final class LorentzIrrep implements Comparable<LorentzIrrep> {
    /** The largest k or n: keeps dimensions and coupling tensors far below array limits. */
    public static final int MAX_LABEL = 1000;

    private final int k;
    private final int n;

    private LorentzIrrep(int k, int n) {
        this.k = k;
        this.n = n;
    }

    /**
     * The irrep (k, n).
     *
     * @param k twice the left spin
     * @param n twice the right spin
     * @return the irrep
     * @throws IllegalArgumentException unless 0 ≤ k, n ≤ {@link #MAX_LABEL}
     */
    public static LorentzIrrep of(int k, int n) {
        requireLabel("k", k);
        requireLabel("n", n);
        return new LorentzIrrep(k, n);
    }

    private static void requireLabel(String name, int value) {
        if (value < 0 || value > MAX_LABEL) {
            throw new IllegalArgumentException("Lorentz irrep label " + name + " = " + value + " must be in 0.."
                    + MAX_LABEL);
        }
    }

    /**
     * Twice the left spin.
     *
     * @return k, 0..{@link #MAX_LABEL}
     */
    public int k() {
        return k;
    }

    /**
     * Twice the right spin.
     *
     * @return n, 0..{@link #MAX_LABEL}
     */
    public int n() {
        return n;
    }

    /**
     * Dimension (k+1)(n+1).
     *
     * @return the number of complex components
     */
    public int dim() {
        return (k + 1) * (n + 1);
    }

    /**
     * Doubled spin of the first SU(2) block, |k−n|.
     *
     * @return |k−n|
     */
    public int minTwoL() {
        return Math.abs(k - n);
    }

    /**
     * Doubled spin of the last SU(2) block, k+n.
     *
     * @return k+n
     */
    public int maxTwoL() {
        return k + n;
    }

    /**
     * Doubled spin 2l of the block holding component {@code index}.
     *
     * @param index the component, 0 ≤ index &lt; {@link #dim()}
     * @return 2l
     * @throws IndexOutOfBoundsException for an index outside the irrep
     */
    public int twoL(int index) {
        return twoLAndTwoM(index)[0];
    }

    /**
     * Doubled projection 2m of component {@code index}.
     *
     * @param index the component, 0 ≤ index &lt; {@link #dim()}
     * @return 2m, −2l..2l
     * @throws IndexOutOfBoundsException for an index outside the irrep
     */
    public int twoM(int index) {
        return twoLAndTwoM(index)[1];
    }

    /**
     * The component of spin l, projection m.
     *
     * @param twoL the doubled spin 2l, in |k−n|..k+n in steps of 2
     * @param twoM the doubled projection 2m, −2l..2l in steps of 2
     * @return the component's index: blocks by ascending l, m ascending within a block
     * @throws IllegalArgumentException when (l, m) is not a component of this irrep
     */
    public int index(int twoL, int twoM) {
        if (twoL < minTwoL() || twoL > maxTwoL() || (twoL - minTwoL()) % 2 != 0 || Math.abs(twoM) > twoL
                || (twoL + twoM) % 2 != 0) {
            throw new IllegalArgumentException("(2l, 2m) = (" + twoL + ", " + twoM + ") is not a component of " + this);
        }
        return blockOffset(twoL) + (twoM + twoL) / 2;
    }

    /** Index of the first component of the block of doubled spin {@code twoL}: Σ (2l'+1) over l' &lt; l. */
    int blockOffset(int twoL) {
        int offset = 0;
        for (int t = minTwoL(); t < twoL; t += 2) offset += t + 1;
        return offset;
    }

    private int[] twoLAndTwoM(int index) {
        if (index < 0 || index >= dim()) {
            throw new IndexOutOfBoundsException("component " + index + " outside " + this + " of dimension " + dim());
        }
        int start = 0;
        for (int t = minTwoL(); ; t += 2) {
            if (index < start + t + 1) return new int[] {t, 2 * (index - start) - t};
            start += t + 1;
        }
    }

    /**
     * The irreps in this ⊗ other: (k, n) with |k1−k2| ≤ k ≤ k1+k2 and |n1−n2| ≤ n ≤ n1+n2 in steps of 2.
     *
     * @param other the second factor
     * @return the irreps in the product, k ascending then n ascending
     */
    public List<LorentzIrrep> times(LorentzIrrep other) {
        List<LorentzIrrep> out = new ArrayList<>();
        for (int ko = Math.abs(k - other.k); ko <= k + other.k; ko += 2) {
            for (int no = Math.abs(n - other.n); no <= n + other.n; no += 2) out.add(of(ko, no));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The selection rule: whether {@code out} appears in {@code this ⊗ other}.
     *
     * @param other the second factor
     * @param out the candidate output
     * @return whether both the k and the n triangle rules hold with even sums
     */
    public boolean couplesTo(LorentzIrrep other, LorentzIrrep out) {
        return allowed(k, other.k, out.k) && allowed(n, other.n, out.n);
    }

    private static boolean allowed(int a, int b, int c) {
        return Math.abs(a - b) <= c && c <= a + b && (a + b + c) % 2 == 0;
    }

    /**
     * The invariant bilinear form G (row-major d×d, entries 0 and ±1): Gᵀ = ±G and
     * D(g)ᵀ·G·D(g) = G for every g. It pairs (l, m) with (l, −m) with sign (−1)^(l−m); on (1,1) it is the
     * Minkowski metric in canonical components ({@link Minkowski#toCanonical}), and in general it
     * equals √dim times the coupling (k,n) ⊗ (k,n) → (0,0).
     *
     * @return a new d×d row-major array
     */
    public double[] bilinearForm() {
        int d = dim();
        double[] g = new double[ArraySizes.length("the bilinear form of " + this, d, d)];
        for (int twoL = minTwoL(); twoL <= maxTwoL(); twoL += 2) {
            for (int twoM = -twoL; twoM <= twoL; twoM += 2) {
                int sign = ((twoL - twoM) / 2) % 2 == 0 ? 1 : -1;
                g[index(twoL, twoM) * d + index(twoL, -twoM)] = sign;
            }
        }
        return g;
    }

    @Override
    public int compareTo(LorentzIrrep o) {
        int c = Integer.compare(k, o.k);
        return c != 0 ? c : Integer.compare(n, o.n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LorentzIrrep && ((LorentzIrrep) o).k == k && ((LorentzIrrep) o).n == n;
    }

    @Override
    public int hashCode() {
        return 31 * k + n;
    }

    /** {@code (k,n)}, as in LGN. */
    @Override
    public String toString() {
        return "(" + k + "," + n + ")";
    }
}
