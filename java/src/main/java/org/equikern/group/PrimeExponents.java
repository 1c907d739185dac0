package org.equikern.group;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Integers up to a bound written as exponent vectors over the primes: factorials by Legendre's
 * formula, products of small integers by trial factorization. Turns a product of factorials under
 * a square root into an exact {@link Surd} without big-number division.
 */
final class PrimeExponents {
    private final int[] primes;
    private final int[] smallestFactorIndex;
    private final int[][] factorial;

    /** Tables for all integers and factorials up to {@code bound}. */
    PrimeExponents(int bound) {
        int n = Math.max(bound, 2);
        int[] spf = new int[n + 1];
        List<Integer> found = new ArrayList<>();
        for (int i = 2; i <= n; i++) {
            if (spf[i] != 0) continue;
            found.add(i);
            for (int k = i; k <= n; k += i) {
                if (spf[k] == 0) spf[k] = i;
            }
        }
        primes = found.stream().mapToInt(Integer::intValue).toArray();
        smallestFactorIndex = new int[n + 1];
        for (int i = 2; i <= n; i++) smallestFactorIndex[i] = found.indexOf(spf[i]);
        factorial = new int[n + 1][];
        factorial[0] = new int[primes.length];
        for (int i = 1; i <= n; i++) {
            factorial[i] = factorial[i - 1].clone();
            addInteger(factorial[i], i, 1);
        }
    }

    int[] zero() {
        return new int[primes.length];
    }

    /** {@code exponents += times · exponents(k!)}. */
    void addFactorial(int[] exponents, int k, int times) {
        int[] f = factorial[k];
        for (int p = 0; p < f.length; p++) exponents[p] += times * f[p];
    }

    /** {@code exponents += times · exponents(value)} for 1 ≤ value ≤ bound. */
    void addInteger(int[] exponents, int value, int times) {
        int v = value;
        while (v > 1) {
            int p = smallestFactorIndex[v];
            exponents[p] += times;
            v /= primes[p];
        }
    }

    /** The exact value {@code sign · integer · √(Π primes^exponents)} as a surd. */
    Surd surd(BigInteger integer, int[] exponents) {
        BigInteger num = integer;
        BigInteger den = BigInteger.ONE;
        BigInteger radicand = BigInteger.ONE;
        for (int p = 0; p < primes.length; p++) {
            int e = exponents[p];
            if (e == 0) continue;
            BigInteger prime = BigInteger.valueOf(primes[p]);
            int half = Math.floorDiv(e, 2);
            if (half > 0) num = num.multiply(prime.pow(half));
            if (half < 0) den = den.multiply(prime.pow(-half));
            if ((e & 1) != 0) radicand = radicand.multiply(prime);
        }
        return new Surd(num, den, radicand);
    }
}
