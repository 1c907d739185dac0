package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.validate.Precision;
import org.junit.jupiter.api.Test;

class Wigner3jTest {
    @Test
    void matchesE3nnReferenceInDouble() {
        double worst = ReferenceCheck.allCasesPass("wigner_3j.json", Precision.F64);
        // Exact computation: agreement with e3nn's float64 values is at round-off level.
        assertTrue(worst < 1e-14, "max_abs " + worst);
    }

    @Test
    void matchesE3nnReferenceInFloat() {
        ReferenceCheck.allCasesPass("wigner_3j.json", Precision.F32);
    }

    @Test
    void knownValues() {
        assertEquals(1.0, Wigner3j.of(0, 0, 0).get(0, 0, 0));
        // C(1,1,0) = δ_ij / √3
        Wigner3j c110 = Wigner3j.of(1, 1, 0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 1 / Math.sqrt(3) : 0.0, c110.get(i, j, 0), 2e-16);
            }
        }
        // C(1,1,1) is the Levi-Civita symbol / √6 up to e3nn's sign.
        Wigner3j c111 = Wigner3j.of(1, 1, 1);
        assertEquals(6, c111.nonZeroCount());
        assertEquals(1 / Math.sqrt(6), Math.abs(c111.get(0, 1, 2)), 2e-16);
        assertEquals(c111.get(0, 1, 2), -c111.get(1, 0, 2));
        assertEquals(c111.get(0, 1, 2), c111.get(1, 2, 0));
    }

    @Test
    void orthogonalAndUnitNormForAllTriplesUpTo12() {
        for (int l1 = 0; l1 <= 12; l1++) {
            for (int l2 = 0; l2 <= 12; l2++) {
                for (int l3 = Math.abs(l1 - l2); l3 <= Math.min(12, l1 + l2); l3++) {
                    assertOrthogonal(Wigner3j.of(l1, l2, l3));
                }
            }
        }
    }

    private static void assertOrthogonal(Wigner3j c) {
        int d1 = 2 * c.l1() + 1;
        int d2 = 2 * c.l2() + 1;
        int d3 = 2 * c.l3() + 1;
        double[] a = c.toArray();
        for (int k = 0; k < d3; k++) {
            for (int k2 = 0; k2 < d3; k2++) {
                double s = 0;
                for (int ij = 0; ij < d1 * d2; ij++) s += a[ij * d3 + k] * a[ij * d3 + k2];
                assertEquals(k == k2 ? 1.0 / d3 : 0.0, s, 1e-14, c + " columns " + k + ", " + k2);
            }
        }
    }

    @Test
    void sparseEntriesListExactlyTheNonZerosInRowMajorOrder() {
        Wigner3j c = Wigner3j.of(3, 4, 5);
        double[] dense = c.toArray();
        int expectedCount = 0;
        for (double v : dense) if (v != 0.0) expectedCount++;
        assertEquals(expectedCount, c.nonZeroCount());
        int previous = -1;
        for (int n = 0; n < c.nonZeroCount(); n++) {
            int flat = (c.nonZeroI(n) * 9 + c.nonZeroJ(n)) * 11 + c.nonZeroK(n);
            assertTrue(flat > previous, "row-major order");
            previous = flat;
            assertEquals(dense[flat], c.nonZeroValue(n));
            assertEquals(dense[flat], c.get(c.nonZeroI(n), c.nonZeroJ(n), c.nonZeroK(n)));
        }
        // Selection rule of the real basis: many exact zeros remain exact.
        assertTrue(c.nonZeroCount() < dense.length / 2, "nonzeros " + c.nonZeroCount());
    }

    @Test
    void cachedAndCopied() {
        Wigner3j c = Wigner3j.of(2, 3, 4);
        assertTrue(c == Wigner3j.of(2, 3, 4));
        double[] a = c.toArray();
        a[0] = 42;
        assertEquals(c.get(0, 0, 0), Wigner3j.of(2, 3, 4).toArray()[0]);
        assertEquals(5 * 7 * 9, a.length);
    }

    @Test
    void oddTotalWithEqualDegreesIsAntisymmetric() {
        // e3nn: C(l, l, L) is symmetric in the first two indices for even l+l+L, antisymmetric for odd.
        Wigner3j c = Wigner3j.of(3, 3, 3);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                for (int k = 0; k < 7; k++) assertEquals(0.0, c.get(i, j, k) + c.get(j, i, k));
            }
        }
    }

    @Test
    void rejectsInvalidTriplesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wigner3j.of(1, 1, 3));
        assertTrue(e.getMessage().contains("(1, 1, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Wigner3j.of(-1, 0, 1));
        assertTrue(e.getMessage().contains("(-1, 0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wigner3j.of(5, 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Wigner3j.of(1, 1, 1).get(3, 0, 0));
    }
}
