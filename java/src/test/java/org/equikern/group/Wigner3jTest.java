package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Wigner3jTest {
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
    void equivariantUpTo20() {
        // (D(l1) ⊗ D(l2))·C = C·D(l3): all triples up to l = 5, then a spread of larger ones.
        Random random = new Random(3);
        List<int[]> triples = new ArrayList<>();
        for (int l1 = 0; l1 <= 5; l1++) {
            for (int l2 = 0; l2 <= 5; l2++) {
                for (int l3 = Math.abs(l1 - l2); l3 <= l1 + l2; l3++) triples.add(new int[] {l1, l2, l3});
            }
        }
        triples.add(new int[] {20, 20, 20});
        triples.add(new int[] {20, 20, 0});
        triples.add(new int[] {20, 19, 1});
        triples.add(new int[] {1, 19, 20});
        triples.add(new int[] {20, 1, 19});
        triples.add(new int[] {10, 20, 10});
        while (triples.size() < 160) {
            int l1 = random.nextInt(21);
            int l2 = random.nextInt(21);
            int lo = Math.abs(l1 - l2);
            int l3 = lo + random.nextInt(Math.min(20, l1 + l2) - lo + 1);
            triples.add(new int[] {l1, l2, l3});
        }
        for (int t = 0; t < 2; t++) {
            Rotation r = Rotation.random(random);
            double[][] d = new double[21][];
            for (int l = 0; l <= 20; l++) d[l] = WignerD.of(l, r);
            for (int[] triple : triples) {
                assertEquivariant(Wigner3j.of(triple[0], triple[1], triple[2]), d);
            }
        }
    }

    private static void assertEquivariant(Wigner3j c, double[][] d) {
        int d1 = 2 * c.l1() + 1;
        int d2 = 2 * c.l2() + 1;
        int d3 = 2 * c.l3() + 1;
        double[] a = d[c.l1()];
        double[] b = d[c.l2()];
        double[] g = d[c.l3()];
        double[] left = new double[d1 * d2 * d3];
        double[] right = new double[d1 * d2 * d3];
        for (int n = 0; n < c.nonZeroCount(); n++) {
            int i = c.nonZeroI(n);
            int j = c.nonZeroJ(n);
            int k = c.nonZeroK(n);
            double v = c.nonZeroValue(n);
            for (int p = 0; p < d1; p++) {
                double av = a[p * d1 + i] * v;
                for (int q = 0; q < d2; q++) left[(p * d2 + q) * d3 + k] += av * b[q * d2 + j];
            }
            for (int m = 0; m < d3; m++) right[(i * d2 + j) * d3 + m] += v * g[k * d3 + m];
        }
        Matrices.assertClose(left, right, 1e-12, c + " equivariance");
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
