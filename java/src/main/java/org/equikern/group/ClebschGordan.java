package org.equikern.group;

import java.math.BigInteger;

/**
 * Exact complex SU(2) Clebsch–Gordan coefficients ⟨l1 m1 l2 m2 | l3 m1+m2⟩ (Condon–Shortley phase)
 * by Racah's formula, each as an exact {@link Surd}.
 */
final class ClebschGordan {
    private ClebschGordan() {
    }

    /**
     * The coefficients of one valid triple divided by √(2l3+1) (the Frobenius norm of the complex
     * tensor), indexed {@code [m1 + l1][m2 + l2]}; {@code null} where the coefficient is zero or
     * |m1 + m2| &gt; l3.
     */
    static Surd[][] normalizedTable(int l1, int l2, int l3) {
        PrimeExponents primes = new PrimeExponents(l1 + l2 + l3 + 1);
        // Racah's prefactor (2l3+1)·Δ; the 2l3+1 cancels against the normalization.
        int[] triangle = primes.zero();
        primes.addFactorial(triangle, l3 + l1 - l2, 1);
        primes.addFactorial(triangle, l3 - l1 + l2, 1);
        primes.addFactorial(triangle, l1 + l2 - l3, 1);
        primes.addFactorial(triangle, l1 + l2 + l3 + 1, -1);
        Surd[][] table = new Surd[2 * l1 + 1][2 * l2 + 1];
        for (int m1 = -l1; m1 <= l1; m1++) {
            for (int m2 = -l2; m2 <= l2; m2++) {
                if (Math.abs(m1 + m2) <= l3) {
                    table[m1 + l1][m2 + l2] = coefficient(primes, triangle, l1, m1, l2, m2, l3);
                }
            }
        }
        return table;
    }

    private static Surd coefficient(PrimeExponents primes, int[] triangle, int l1, int m1, int l2, int m2,
            int l3) {
        int m3 = m1 + m2;
        int[] e = triangle.clone();
        primes.addFactorial(e, l3 + m3, 1);
        primes.addFactorial(e, l3 - m3, 1);
        primes.addFactorial(e, l1 - m1, 1);
        primes.addFactorial(e, l1 + m1, 1);
        primes.addFactorial(e, l2 - m2, 1);
        primes.addFactorial(e, l2 + m2, 1);
        // Racah sum Σ_k (-1)^k / [k!(a-k)!(b-k)!(c-k)!(k-d)!(k-e)!]
        int a = l1 + l2 - l3;
        int b = l1 - m1;
        int c = l2 + m2;
        int d = l2 - l3 - m1;
        int f = l1 - l3 + m2;
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
