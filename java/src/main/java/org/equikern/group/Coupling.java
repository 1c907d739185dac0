package org.equikern.group;

/**
 * The sparse coupling tensor {@code C[i][j][k]} of two irreps into a third: the coefficients a
 * tensor product multiplies {@code x1[i] · x2[j]} by to add into {@code out[k]}. {@link Wigner3j}
 * is O(3)'s; another group's Clebsch–Gordan coefficients implement it the same way. Entries not
 * listed are exactly 0.
 */
public interface Coupling {
    /** Number of listed (non-zero) entries. */
    int nonZeroCount();

    /** First index (into the first irrep) of the n-th entry. */
    int nonZeroI(int n);

    /** Second index (into the second irrep) of the n-th entry. */
    int nonZeroJ(int n);

    /** Third index (into the output irrep) of the n-th entry. */
    int nonZeroK(int n);

    /** Value of the n-th entry. */
    double nonZeroValue(int n);
}
