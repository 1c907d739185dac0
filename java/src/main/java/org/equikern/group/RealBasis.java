package org.equikern.group;

/**
 * e3nn's unitary change of basis {@code Q_l} from the real to the complex spherical basis. Entry
 * {@code [row, col]} is non-zero only where {@code row == col} or {@code row + col == 2l}; its
 * value is {@code i^power} times 1/√2, or times 1 at the centre {@code [l, l]}. The power includes
 * e3nn's global factor (−i)^l, which makes the real Clebsch–Gordan tensor real.
 */
final class RealBasis {
    private RealBasis() {
    }

    /** The power of i (0..3) of the non-zero entry {@code Q_l[row, col]}. */
    static int power(int l, int row, int col) {
        int m = row - l;
        int local;
        if (m == 0) {
            local = 0;
        } else if (m < 0) {
            local = col == row ? 3 : 0; // -i/√2 and 1/√2
        } else {
            local = col == row ? 2 * m : 1 + 2 * m; // (-1)^m/√2 and i(-1)^m/√2
        }
        return Math.floorMod(local + 3 * l, 4);
    }

    /** The other index of the (at most two) non-zero entries in a row or column: {@code 2l - index}. */
    static int partner(int l, int index) {
        return 2 * l - index;
    }

    /** Whether the entries of this row or column have magnitude 1/√2 (all but the centre). */
    static boolean halved(int l, int index) {
        return index != l;
    }
}
