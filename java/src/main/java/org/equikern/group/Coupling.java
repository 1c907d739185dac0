package org.equikern.group;

/**
 * The sparse coupling tensor {@code C[i][j][k]} of two irreps into a third: the coefficients a
 * tensor product multiplies {@code x1[i] · x2[j]} by to add into {@code out[k]}. {@link Wigner3j}
 * is O(3)'s; another group's Clebsch–Gordan coefficients implement it the same way. Entries not
 * listed are exactly 0.
 */
public interface Coupling {
    /**
     * Number of listed (non-zero) entries.
     *
     * @return how many entries {@link #nonZeroI}, {@link #nonZeroJ}, {@link #nonZeroK} and {@link
     *     #nonZeroValue} index
     */
    int nonZeroCount();

    /**
     * First index (into the first irrep) of the n-th entry.
     *
     * @param n the entry, 0 ≤ n &lt; {@link #nonZeroCount()}
     * @return the index i, 0 ≤ i &lt; dimension of the first irrep
     */
    int nonZeroI(int n);

    /**
     * Second index (into the second irrep) of the n-th entry.
     *
     * @param n the entry, 0 ≤ n &lt; {@link #nonZeroCount()}
     * @return the index j, 0 ≤ j &lt; dimension of the second irrep
     */
    int nonZeroJ(int n);

    /**
     * Third index (into the output irrep) of the n-th entry.
     *
     * @param n the entry, 0 ≤ n &lt; {@link #nonZeroCount()}
     * @return the index k, 0 ≤ k &lt; dimension of the output irrep
     */
    int nonZeroK(int n);

    /**
     * Value of the n-th entry.
     *
     * @param n the entry, 0 ≤ n &lt; {@link #nonZeroCount()}
     * @return the coefficient {@code C[i][j][k]} of that entry, non-zero
     */
    double nonZeroValue(int n);
}
