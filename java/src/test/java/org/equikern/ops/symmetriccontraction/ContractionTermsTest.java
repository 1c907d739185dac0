package org.equikern.ops.symmetriccontraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.equikern.nn.ContractionMonomials;
import org.equikern.nn.SymmetricContraction;
import org.junit.jupiter.api.Test;

/**
 * {@link ContractionTerms} against the monomials it groups, entry by entry: the terms are the
 * distinct (output, product) keys, and {@code U[term, path]} is the sum of the coefficients of
 * that term's monomials on that path, recounted here by brute force.
 */
class ContractionTermsTest {
    private static final int SLOTS = ContractionMonomials.MAX_ORDER;

    @Test
    void termsAreTheDistinctProductsAndUSumsTheirCoefficients() {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o+2x2e", "2x0e+2x1o", 3, 2);
        ContractionMonomials m = sc.monomials();
        ContractionTerms terms = new ContractionTerms(m, sc.pathCount());
        int[] order = terms.order();
        int[] index = terms.index();
        int[] output = terms.output();
        Set<List<Integer>> keys = new HashSet<>();
        for (int t = 0; t < terms.count(); t++) {
            assertTrue(keys.add(key(output[t], index, t)), "term " + t + " repeats another");
        }
        double[] u = terms.mixing();
        double[] ut = terms.mixingTransposed();
        int paths = sc.pathCount();
        for (int t = 0; t < terms.count(); t++) {
            for (int p = 0; p < paths; p++) {
                double sum = 0;
                for (int e = 0; e < m.count(); e++) {
                    if (m.path()[e] == p && m.order()[e] == order[t]
                            && key(m.output()[e], m.index(), e).equals(key(output[t], index, t))) {
                        sum += m.coefficient()[e];
                    }
                }
                assertEquals(sum, u[t * paths + p], 1e-15, "U[" + t + ", " + p + "]");
                assertEquals(u[t * paths + p], ut[p * terms.count() + t], "Uᵀ[" + p + ", " + t + "]");
            }
        }
        // every monomial's product is a term, and there are fewer terms than monomials to share
        for (int e = 0; e < m.count(); e++) {
            assertTrue(keys.contains(key(m.output()[e], m.index(), e)), "monomial " + e + " has no term");
        }
        assertTrue(terms.count() < m.count(), terms.count() + " terms for " + m.count() + " monomials");
        int[] self = terms.selfPath();
        for (int t = 0; t < terms.count(); t++) assertEquals(t, self[t]);
    }

    private static List<Integer> key(int output, int[] index, int at) {
        return List.of(output, index[SLOTS * at], index[SLOTS * at + 1], index[SLOTS * at + 2]);
    }
}
