package org.equikern.ops.tensorproduct;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated source of a sum of two-factor products, written as a chain of {@code Math.fma} (one
 * fused multiply-add instruction each, which Java's {@code a * b + c} may not use); the factors
 * are expressions of one type, double or float.
 */
final class ProductSum {
    private final List<String[]> terms = new ArrayList<>();

    void add(String left, String right) {
        terms.add(new String[] {left, right});
    }

    boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The sum of scalars, as {@code a * b} then {@code Math.fma} for each further term. */
    @Override
    public String toString() {
        return render(ChannelStep.SCALAR);
    }

    /** The sum written with {@code products}' multiplication and fused multiply-add. */
    String render(Products products) {
        String sum = products.mul(terms.get(0)[0], terms.get(0)[1]);
        for (int t = 1; t < terms.size(); t++) sum = products.fma(terms.get(t)[0], terms.get(t)[1], sum);
        return sum;
    }

    /** How a product and a fused multiply-add are written for the operands' type. */
    interface Products {
        String mul(String a, String b);

        String fma(String a, String b, String c);
    }
}
