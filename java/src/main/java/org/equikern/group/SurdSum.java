package org.equikern.group;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exact sum of {@link Surd}s, grouped by radicand. Square roots of distinct square-free
 * integers are linearly independent over the rationals, so the sum is zero exactly when every
 * group's rational coefficient is zero — exact zeros are detected without any rounding. Mutable;
 * not thread-safe.
 */
public final class SurdSum {
    /** Working precision: far beyond double, so the single final rounding decides the result. */
    static final MathContext CONTEXT = new MathContext(45);

    private static final ConcurrentHashMap<BigInteger, BigDecimal> ROOTS = new ConcurrentHashMap<>();

    private BigInteger[] radicands = new BigInteger[8];
    private BigInteger[] numerators = new BigInteger[8];
    private BigInteger[] denominators = new BigInteger[8];
    private int groups;

    /** An empty (zero) sum. */
    public SurdSum() {
    }

    /** Resets the sum to zero. */
    public void clear() {
        groups = 0;
    }

    /**
     * Adds {@code s} exactly.
     *
     * @param s the term to add
     */
    public void add(Surd s) {
        for (int g = 0; g < groups; g++) {
            if (radicands[g].equals(s.radicand)) {
                // Unreduced fraction sum: only the sign and the final quotient matter.
                numerators[g] = numerators[g].multiply(s.denominator).add(s.numerator.multiply(denominators[g]));
                denominators[g] = denominators[g].multiply(s.denominator);
                return;
            }
        }
        if (groups == radicands.length) {
            radicands = Arrays.copyOf(radicands, 2 * groups);
            numerators = Arrays.copyOf(numerators, 2 * groups);
            denominators = Arrays.copyOf(denominators, 2 * groups);
        }
        radicands[groups] = s.radicand;
        numerators[groups] = s.numerator;
        denominators[groups] = s.denominator;
        groups++;
    }

    /**
     * Whether the sum is exactly zero.
     *
     * @return true when every radicand's coefficient sums to exactly 0
     */
    public boolean isZero() {
        for (int g = 0; g < groups; g++) {
            if (numerators[g].signum() != 0) return false;
        }
        return true;
    }

    /**
     * The sum evaluated with {@link #CONTEXT} and rounded once to double; exactly 0.0 when zero.
     *
     * @return the sum, evaluated to 45 significant digits and rounded once to double
     */
    public double toDouble() {
        BigDecimal total = BigDecimal.ZERO;
        for (int g = 0; g < groups; g++) {
            if (numerators[g].signum() == 0) continue;
            BigDecimal q = new BigDecimal(numerators[g]).divide(new BigDecimal(denominators[g]), CONTEXT);
            total = total.add(q.multiply(root(radicands[g]), CONTEXT), CONTEXT);
        }
        return total.doubleValue();
    }

    private static BigDecimal root(BigInteger radicand) {
        return ROOTS.computeIfAbsent(radicand, r -> new BigDecimal(r).sqrt(CONTEXT));
    }
}
