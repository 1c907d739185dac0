package org.equikern.group;

import java.math.BigInteger;

/**
 * Exact complex SU(2) Clebsch–Gordan coefficients ⟨j1 m1 j2 m2 | j3 m1+m2⟩ (Condon–Shortley phase)
 * by Racah's formula, each as an exact {@link Surd}. Spins may be half-integers, so every spin and
 * projection is passed doubled: {@code twoJ = 2j}, {@code twoM = 2m}.
 */
public final class ClebschGordan {
    private ClebschGordan() {
    }

    /**
     * The coefficients ⟨j1 m1 j2 m2 | j3 m1+m2⟩ of one coupling, indexed
     * {@code [(twoM1 + twoJ1) / 2][(twoM2 + twoJ2) / 2]} (m ascending); {@code null} where the
     * coefficient is zero or |m1 + m2| &gt; j3.
     *
     * @param twoJ1 2·j1 of the first spin (so half-integer spins are odd)
     * @param twoJ2 2·j2 of the second spin
     * @param twoJ3 2·j3 of the coupled spin
     * @return the exact coefficients, {@code (twoJ1+1) × (twoJ2+1)} with null for zeros
     * @throws IllegalArgumentException unless the spins are ≥ 0, satisfy the triangle rule
     *     |j1−j2| ≤ j3 ≤ j1+j2 and j1+j2+j3 is an integer
     */
    public static Surd[][] table(int twoJ1, int twoJ2, int twoJ3) {
        requireCoupling(twoJ1, twoJ2, twoJ3);
        return table(twoJ1, twoJ2, twoJ3, true);
    }

    /**
     * One coefficient ⟨j1 m1 j2 m2 | j3 m3⟩, exact and rounded once to double; 0 when m3 ≠ m1 + m2.
     *
     * @param twoJ1 2·j1
     * @param twoM1 2·m1, in −twoJ1..twoJ1 with the parity of twoJ1
     * @param twoJ2 2·j2
     * @param twoM2 2·m2, in −twoJ2..twoJ2 with the parity of twoJ2
     * @param twoJ3 2·j3
     * @param twoM3 2·m3, in −twoJ3..twoJ3 with the parity of twoJ3
     * @return the coefficient, correctly rounded from its exact value
     * @throws IllegalArgumentException for an invalid coupling (see {@link #table}) or a projection
     *     outside −j … j or of the wrong parity
     */
    public static double value(int twoJ1, int twoM1, int twoJ2, int twoM2, int twoJ3, int twoM3) {
        requireCoupling(twoJ1, twoJ2, twoJ3);
        requireProjection("m1", twoJ1, twoM1);
        requireProjection("m2", twoJ2, twoM2);
        requireProjection("m3", twoJ3, twoM3);
        if (twoM3 != twoM1 + twoM2) return 0.0;
        Surd s = table(twoJ1, twoJ2, twoJ3)[(twoM1 + twoJ1) / 2][(twoM2 + twoJ2) / 2];
        if (s == null) return 0.0;
        SurdSum sum = new SurdSum();
        sum.add(s);
        return sum.toDouble();
    }

    /**
     * The coefficients of one valid integer triple divided by √(2l3+1) (the Frobenius norm of the
     * complex tensor), indexed {@code [m1 + l1][m2 + l2]}; {@code null} where the coefficient is
     * zero or |m1 + m2| &gt; l3.
     */
    static Surd[][] normalizedTable(int l1, int l2, int l3) {
        return table(2 * l1, 2 * l2, 2 * l3, false);
    }

    private static void requireCoupling(int twoJ1, int twoJ2, int twoJ3) {
        if (twoJ1 < 0 || twoJ2 < 0 || twoJ3 < 0 || twoJ3 < Math.abs(twoJ1 - twoJ2) || twoJ3 > twoJ1 + twoJ2
                || (twoJ1 + twoJ2 + twoJ3) % 2 != 0) {
            throw new IllegalArgumentException("no SU(2) coupling for doubled spins (2j1, 2j2, 2j3) = (" + twoJ1
                    + ", " + twoJ2 + ", " + twoJ3 + "): spins must be >= 0 with |j1-j2| <= j3 <= j1+j2 and "
                    + "j1+j2+j3 an integer");
        }
        if (twoJ1 + twoJ2 + twoJ3 > 0x7FFF) {
            throw new IllegalArgumentException("doubled spins (" + twoJ1 + ", " + twoJ2 + ", " + twoJ3
                    + ") too large: their sum must be at most " + 0x7FFF);
        }
    }

    private static void requireProjection(String name, int twoJ, int twoM) {
        if (Math.abs(twoM) > twoJ || (twoJ + twoM) % 2 != 0) {
            throw new IllegalArgumentException(name + ": doubled projection " + twoM + " is not one of -" + twoJ
                    + ", -" + twoJ + "+2, ..., " + twoJ);
        }
    }

    /**
     * The table of a valid coupling; with {@code withDimension} false, without Racah's factor
     * √(2j3+1).
     */
    private static Surd[][] table(int twoJ1, int twoJ2, int twoJ3, boolean withDimension) {
        PrimeExponents primes = new PrimeExponents((twoJ1 + twoJ2 + twoJ3) / 2 + 1);
        // Racah's prefactor (2j3+1)·Δ.
        int[] triangle = primes.zero();
        primes.addFactorial(triangle, (twoJ3 + twoJ1 - twoJ2) / 2, 1);
        primes.addFactorial(triangle, (twoJ3 - twoJ1 + twoJ2) / 2, 1);
        primes.addFactorial(triangle, (twoJ1 + twoJ2 - twoJ3) / 2, 1);
        primes.addFactorial(triangle, (twoJ1 + twoJ2 + twoJ3) / 2 + 1, -1);
        if (withDimension) primes.addInteger(triangle, twoJ3 + 1, 1);
        Surd[][] table = new Surd[twoJ1 + 1][twoJ2 + 1];
        for (int twoM1 = -twoJ1; twoM1 <= twoJ1; twoM1 += 2) {
            for (int twoM2 = -twoJ2; twoM2 <= twoJ2; twoM2 += 2) {
                if (Math.abs(twoM1 + twoM2) <= twoJ3) {
                    table[(twoM1 + twoJ1) / 2][(twoM2 + twoJ2) / 2] =
                            coefficient(primes, triangle, twoJ1, twoM1, twoJ2, twoM2, twoJ3);
                }
            }
        }
        return table;
    }

    private static Surd coefficient(PrimeExponents primes, int[] triangle, int twoJ1, int twoM1, int twoJ2,
            int twoM2, int twoJ3) {
        int twoM3 = twoM1 + twoM2;
        int[] e = triangle.clone();
        primes.addFactorial(e, (twoJ3 + twoM3) / 2, 1);
        primes.addFactorial(e, (twoJ3 - twoM3) / 2, 1);
        primes.addFactorial(e, (twoJ1 - twoM1) / 2, 1);
        primes.addFactorial(e, (twoJ1 + twoM1) / 2, 1);
        primes.addFactorial(e, (twoJ2 - twoM2) / 2, 1);
        primes.addFactorial(e, (twoJ2 + twoM2) / 2, 1);
        // Racah sum Σ_k (-1)^k / [k!(a-k)!(b-k)!(c-k)!(k-d)!(k-f)!]; every bound is an integer.
        int a = (twoJ1 + twoJ2 - twoJ3) / 2;
        int b = (twoJ1 - twoM1) / 2;
        int c = (twoJ2 + twoM2) / 2;
        int d = (twoJ2 - twoJ3 - twoM1) / 2;
        int f = (twoJ1 - twoJ3 + twoM2) / 2;
        int kMin = Math.max(0, Math.max(d, f));
        int kMax = Math.min(a, Math.min(b, c));
        if (kMin > kMax) return null;
        // Factor out the first term (it goes under the square root, squared) ...
        primes.addFactorial(e, kMin, -2);
        primes.addFactorial(e, a - kMin, -2);
        primes.addFactorial(e, b - kMin, -2);
        primes.addFactorial(e, c - kMin, -2);
        primes.addFactorial(e, kMin - d, -2);
        primes.addFactorial(e, kMin - f, -2);
        // ... and sum the term ratios by Horner's rule as an integer fraction p/q.
        BigInteger p = BigInteger.ONE;
        BigInteger q = BigInteger.ONE;
        for (int k = kMax - 1; k >= kMin; k--) {
            long ratioNum = (long) (a - k) * (b - k) * (c - k);
            long ratioDen = (long) (k + 1) * (k + 1 - d) * (k + 1 - f);
            p = q.multiply(BigInteger.valueOf(ratioDen)).subtract(p.multiply(BigInteger.valueOf(ratioNum)));
            q = q.multiply(BigInteger.valueOf(ratioDen));
            primes.addInteger(e, k + 1, -2);
            primes.addInteger(e, k + 1 - d, -2);
            primes.addInteger(e, k + 1 - f, -2);
        }
        if (p.signum() == 0) return null;
        return primes.surd((kMin & 1) == 0 ? p : p.negate(), e);
    }
}
