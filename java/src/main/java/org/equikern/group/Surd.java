package org.equikern.group;

import java.math.BigInteger;

/**
 * An exact real number {@code (numerator / denominator) · √radicand} with a square-free radicand,
 * the form every Clebsch–Gordan coefficient takes. Immutable. Sums of surds are exact in
 * {@link SurdSum}, which also rounds them to double.
 */
public final class Surd {
    private static final BigInteger TWO = BigInteger.TWO;

    final BigInteger numerator;
    final BigInteger denominator;
    final BigInteger radicand;

    Surd(BigInteger numerator, BigInteger denominator, BigInteger radicand) {
        this.numerator = numerator;
        this.denominator = denominator;
        this.radicand = radicand;
    }

    /** This times {@code (1/√2)^halves}; keeps the radicand square-free. */
    Surd timesInverseSqrt2Power(int halves) {
        if (halves % 2 == 0) {
            return new Surd(numerator, denominator.shiftLeft(halves / 2), radicand);
        }
        // √r / √2 = √(2r) / 2 when r is odd, and √(r/2) when r is even
        BigInteger den = denominator.shiftLeft((halves + 1) / 2);
        if (radicand.testBit(0)) {
            return new Surd(numerator, den, radicand.multiply(TWO));
        }
        return new Surd(numerator.shiftLeft(1), den, radicand.shiftRight(1));
    }

    /**
     * −this.
     *
     * @return the negated surd
     */
    public Surd negate() {
        return new Surd(numerator.negate(), denominator, radicand);
    }

    /**
     * The exact product. With g = gcd(r1, r2), √r1·√r2 = g·√((r1/g)·(r2/g)), and the two cofactors
     * are coprime square-free integers, so the new radicand is square-free again.
     *
     * @param other the other factor
     * @return the product, in lowest terms with a square-free radicand
     */
    public Surd times(Surd other) {
        BigInteger g = radicand.gcd(other.radicand);
        return new Surd(numerator.multiply(other.numerator).multiply(g), denominator.multiply(other.denominator),
                radicand.divide(g).multiply(other.radicand.divide(g)));
    }
}
