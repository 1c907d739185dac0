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

    @Override
    public String toString() {
        String sum = terms.get(0)[0] + " * " + terms.get(0)[1];
        for (int t = 1; t < terms.size(); t++) {
            sum = "Math.fma(" + terms.get(t)[0] + ", " + terms.get(t)[1] + ", " + sum + ")";
        }
        return sum;
    }
}
