package org.equikern.group;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * e3nn's real-basis Wigner 3j symbol {@code wigner_3j(l1, l2, l3)}: the tensor of shape
 * {@code [2l1+1, 2l2+1, 2l3+1]} with Frobenius norm 1 that couples irreps l1 ⊗ l2 → l3, with the
 * same signs as e3nn.
 *
 * <p>Computed exactly: complex Clebsch–Gordan coefficients by Racah's formula as exact surds, the
 * complex-to-real change of basis as exact sums of surds (so exact zeros are exactly 0.0 and the
 * imaginary part is verified to vanish identically), then each entry is evaluated with 45 digits
 * and rounded once to double. Instances are immutable, cached, and safe to share between threads.
 */
public final class Wigner3j implements Coupling {
    private static final ConcurrentHashMap<Long, Wigner3j> CACHE = new ConcurrentHashMap<>();

    private final int l1;
    private final int l2;
    private final int l3;
    private final double[] values;
    private final int[] nonZeroIndex;
    private final double[] nonZeroValues;

    private Wigner3j(int l1, int l2, int l3, double[] values, int[] nonZeroIndex, double[] nonZeroValues) {
        this.l1 = l1;
        this.l2 = l2;
        this.l3 = l3;
        this.values = values;
        this.nonZeroIndex = nonZeroIndex;
        this.nonZeroValues = nonZeroValues;
    }

    /**
     * The largest degree of {@link #of}: exact symbols cost O(l²) exact sums of growing surds, about
     * 0.2 s for (32, 32, 32) on one core (1 s at 64, 3 s at 128). It bounds every tensor product's irreps.
     */
    public static final int MAX_L = 32;

    /**
     * The symbol for degrees l1, l2, l3.
     *
     * @param l1 the first degree, 0..{@link #MAX_L}
     * @param l2 the second degree, 0..{@link #MAX_L}
     * @param l3 the output degree, 0..{@link #MAX_L}
     * @return the symbol, computed exactly and cached
     * @throws IllegalArgumentException when a degree is negative or above {@link #MAX_L}, or
     *     |l1−l2| ≤ l3 ≤ l1+l2 fails
     */
    public static Wigner3j of(int l1, int l2, int l3) {
        checkTriangle(l1, l2, l3);
        if (l1 > MAX_L || l2 > MAX_L || l3 > MAX_L) {
            throw new IllegalArgumentException("Wigner 3j (l1, l2, l3) = (" + l1 + ", " + l2 + ", " + l3
                    + "): degrees above the supported limit MAX_L = " + MAX_L);
        }
        return cached(l1, l2, l3);
    }

    /**
     * C(1, l, l+1) for any l ≤ {@link Irrep#MAX_L}: the coupling that raises a degree, which the
     * recursions of {@link SphericalHarmonics} and {@link WignerD} need beyond {@link #MAX_L}
     * (it costs O(l), not O(l²) as a general symbol).
     */
    static Wigner3j raising(int l) {
        checkTriangle(1, l, l + 1);
        if (l + 1 > Irrep.MAX_L) {
            throw new IllegalArgumentException("Wigner 3j (1, " + l + ", " + (l + 1) + "): degree above Irrep.MAX_L = "
                    + Irrep.MAX_L);
        }
        return cached(1, l, l + 1);
    }

    private static void checkTriangle(int l1, int l2, int l3) {
        if (l1 < 0 || l2 < 0 || l3 < 0 || l3 < Math.abs(l1 - l2) || l3 > (long) l1 + l2) {
            throw new IllegalArgumentException("no Wigner 3j symbol for (l1, l2, l3) = (" + l1 + ", " + l2
                    + ", " + l3 + "): degrees must be >= 0 with |l1-l2| <= l3 <= l1+l2");
        }
    }

    /** Degrees at most {@link Irrep#MAX_L} (16 bits each in the key). */
    private static Wigner3j cached(int l1, int l2, int l3) {
        Long key = ((long) l1 << 32) | ((long) l2 << 16) | l3;
        Wigner3j cached = CACHE.get(key);
        if (cached != null) return cached;
        // Computed outside the map so long computations do not block other keys.
        Wigner3j computed = compute(l1, l2, l3);
        Wigner3j raced = CACHE.putIfAbsent(key, computed);
        return raced != null ? raced : computed;
    }

    private static Wigner3j compute(int l1, int l2, int l3) {
        Surd[][] cg = ClebschGordan.normalizedTable(l1, l2, l3);
        int d1 = 2 * l1 + 1;
        int d2 = 2 * l2 + 1;
        int d3 = 2 * l3 + 1;
        double[] values = new double[d1 * d2 * d3];
        SurdSum[] real = new SurdSum[d3];
        SurdSum[] imaginary = new SurdSum[d3];
        for (int k = 0; k < d3; k++) {
            real[k] = new SurdSum();
            imaginary[k] = new SurdSum();
        }
        boolean[] touched = new boolean[d3];
        int[] index = new int[16];
        double[] nonZero = new double[16];
        int count = 0;
        for (int c1 = 0; c1 < d1; c1++) {
            for (int c2 = 0; c2 < d2; c2++) {
                accumulate(l1, l2, l3, c1, c2, cg, real, imaginary, touched);
                for (int c3 = 0; c3 < d3; c3++) {
                    if (!touched[c3]) continue;
                    touched[c3] = false;
                    if (!imaginary[c3].isZero()) {
                        throw new IllegalStateException("Wigner 3j (" + l1 + ", " + l2 + ", " + l3
                                + ") has a non-zero imaginary part at [" + c1 + ", " + c2 + ", " + c3 + "]");
                    }
                    if (!real[c3].isZero()) {
                        int flat = (c1 * d2 + c2) * d3 + c3;
                        double v = real[c3].toDouble();
                        values[flat] = v;
                        if (count == index.length) {
                            index = Arrays.copyOf(index, 2 * count);
                            nonZero = Arrays.copyOf(nonZero, 2 * count);
                        }
                        index[count] = flat;
                        nonZero[count] = v;
                        count++;
                    }
                    real[c3].clear();
                    imaginary[c3].clear();
                }
            }
        }
        return new Wigner3j(l1, l2, l3, values, Arrays.copyOf(index, count), Arrays.copyOf(nonZero, count));
    }

    /**
     * Adds the (at most eight) terms Q1[r1,c1]·Q2[r2,c2]·conj(Q3[r3,c3])·CG[r1,r2,r3] of the real
     * entries [c1, c2, ·], split by whether their phase is real or imaginary.
     */
    private static void accumulate(int l1, int l2, int l3, int c1, int c2, Surd[][] cg, SurdSum[] real,
            SurdSum[] imaginary, boolean[] touched) {
        for (int r1 : indices(l1, c1)) {
            int p1 = RealBasis.power(l1, r1, c1);
            for (int r2 : indices(l2, c2)) {
                int m3 = (r1 - l1) + (r2 - l2);
                if (Math.abs(m3) > l3) continue;
                Surd coefficient = cg[r1][r2];
                if (coefficient == null) continue;
                int r3 = l3 + m3;
                int p12 = p1 + RealBasis.power(l2, r2, c2);
                for (int c3 : indices(l3, r3)) {
                    int phase = Math.floorMod(p12 - RealBasis.power(l3, r3, c3), 4);
                    int halves = (RealBasis.halved(l1, c1) ? 1 : 0) + (RealBasis.halved(l2, c2) ? 1 : 0)
                            + (RealBasis.halved(l3, c3) ? 1 : 0);
                    Surd term = coefficient.timesInverseSqrt2Power(halves);
                    if (phase >= 2) term = term.negate();
                    ((phase & 1) == 0 ? real : imaginary)[c3].add(term);
                    touched[c3] = true;
                }
            }
        }
    }

    /** The one or two indices sharing a non-zero entry of Q_l with {@code index}. */
    private static int[] indices(int l, int index) {
        int partner = RealBasis.partner(l, index);
        return partner == index ? new int[] {index} : new int[] {index, partner};
    }

    /**
     * First degree.
     *
     * @return l1
     */
    public int l1() {
        return l1;
    }

    /**
     * Second degree.
     *
     * @return l2
     */
    public int l2() {
        return l2;
    }

    /**
     * Output degree.
     *
     * @return l3
     */
    public int l3() {
        return l3;
    }

    /**
     * The entry {@code [i, j, k]}, indices 0..2l of each degree.
     *
     * @param i index into the first irrep, 0..2·l1
     * @param j index into the second irrep, 0..2·l2
     * @param k index into the output irrep, 0..2·l3
     * @return the coefficient
     * @throws IndexOutOfBoundsException for an index outside the shape
     */
    public double get(int i, int j, int k) {
        if (i < 0 || i > 2 * l1 || j < 0 || j > 2 * l2 || k < 0 || k > 2 * l3) {
            throw new IndexOutOfBoundsException("index [" + i + ", " + j + ", " + k + "] outside shape ["
                    + (2 * l1 + 1) + ", " + (2 * l2 + 1) + ", " + (2 * l3 + 1) + "]");
        }
        return values[(i * (2 * l2 + 1) + j) * (2 * l3 + 1) + k];
    }

    /**
     * A copy of the whole tensor, row-major {@code [2l1+1][2l2+1][2l3+1]}.
     *
     * @return a new array of (2l1+1)(2l2+1)(2l3+1) values
     */
    public double[] toArray() {
        return values.clone();
    }

    /** Number of non-zero entries; the others are exactly 0.0. */
    @Override
    public int nonZeroCount() {
        return nonZeroValues.length;
    }

    /** First index of the n-th non-zero entry (row-major order). */
    @Override
    public int nonZeroI(int n) {
        return nonZeroIndex[n] / ((2 * l2 + 1) * (2 * l3 + 1));
    }

    /** Second index of the n-th non-zero entry. */
    @Override
    public int nonZeroJ(int n) {
        return nonZeroIndex[n] / (2 * l3 + 1) % (2 * l2 + 1);
    }

    /** Third index of the n-th non-zero entry. */
    @Override
    public int nonZeroK(int n) {
        return nonZeroIndex[n] % (2 * l3 + 1);
    }

    /** Value of the n-th non-zero entry. */
    @Override
    public double nonZeroValue(int n) {
        return nonZeroValues[n];
    }

    @Override
    public String toString() {
        return "Wigner3j(" + l1 + ", " + l2 + ", " + l3 + ")";
    }
}
