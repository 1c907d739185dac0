package org.equikern.group.lorentz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LorentzClebschGordanTest {
    private static final int[][] PAIRS = {{1, 0, 0, 1}, {1, 1, 1, 1}, {2, 1, 1, 2}, {1, 0, 2, 2}, {3, 1, 1, 1},
        {2, 2, 2, 2}, {0, 3, 2, 1}};

    /**
     * max |D(g)·C − C·(D1⊗D2)(g)| with C[i][(i1, i2)] = H[i1][i2][i], relative to the largest sum of
     * the magnitudes of the terms of an entry (Σ|H|·|D1|·|D2|): the round-off a float64 product of these
     * factors carries. It differs from relative-to-the-result where the terms cancel, e.g. into (0,0).
     */
    static double intertwiningError(LorentzClebschGordan cg, SL2C g) {
        return intertwiningError(cg, LorentzD.of(cg.out(), g), g);
    }

    /** The same with {@code d} standing for the output's D(g). */
    private static double intertwiningError(LorentzClebschGordan cg, ComplexMatrix d, SL2C g) {
        ComplexMatrix d1 = LorentzD.of(cg.in1(), g);
        ComplexMatrix d2 = LorentzD.of(cg.in2(), g);
        int n1 = cg.in1().dim();
        int n2 = cg.in2().dim();
        int n = cg.out().dim();
        double error = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j1 = 0; j1 < n1; j1++) {
                for (int j2 = 0; j2 < n2; j2++) {
                    double lRe = 0;
                    double lIm = 0;
                    for (int j = 0; j < n; j++) {
                        lRe += d.re(i, j) * cg.get(j1, j2, j);
                        lIm += d.im(i, j) * cg.get(j1, j2, j);
                    }
                    double rRe = 0;
                    double rIm = 0;
                    double magnitude = 0;
                    for (int i1 = 0; i1 < n1; i1++) {
                        for (int i2 = 0; i2 < n2; i2++) {
                            double h = cg.get(i1, i2, i);
                            if (h == 0) continue;
                            double pRe = d1.re(i1, j1) * d2.re(i2, j2) - d1.im(i1, j1) * d2.im(i2, j2);
                            double pIm = d1.re(i1, j1) * d2.im(i2, j2) + d1.im(i1, j1) * d2.re(i2, j2);
                            rRe += h * pRe;
                            rIm += h * pIm;
                            magnitude += Math.abs(h) * Math.hypot(pRe, pIm);
                        }
                    }
                    error = Math.max(error, Math.hypot(lRe - rRe, lIm - rIm));
                    scale = Math.max(scale, magnitude);
                }
            }
        }
        return error / scale;
    }

    @Test
    void couplingsIntertwineForRandomElementsUpToRapidityThree() {
        Random random = new Random(15);
        double worst = 0;
        for (int[] p : PAIRS) {
            LorentzIrrep in1 = LorentzIrrep.of(p[0], p[1]);
            LorentzIrrep in2 = LorentzIrrep.of(p[2], p[3]);
            for (LorentzIrrep out : in1.times(in2)) {
                LorentzClebschGordan cg = LorentzClebschGordan.of(in1, in2, out);
                for (int trial = 0; trial < 3; trial++) {
                    SL2C g = SL2C.random(random, 3);
                    double e = intertwiningError(cg, g);
                    assertTrue(e <= 1e-12, cg + " rapidity " + g.rapidity() + ": relative error " + e);
                    worst = Math.max(worst, e);
                }
            }
        }
        assertTrue(worst > 0); // the check computed something
    }

    @Test
    void theCheckFailsForTheWrongRepresentation() {
        // (2,0) and (0,2) have the same dimension; the (2,0) coupling does not intertwine D^(0,2).
        LorentzClebschGordan cg = LorentzClebschGordan.of(1, 1, 1, 1, 2, 0);
        SL2C g = SL2C.random(new Random(5), 2);
        assertTrue(intertwiningError(cg, g) < 1e-12);
        assertTrue(intertwiningError(cg, LorentzD.of(LorentzIrrep.of(0, 2), g), g) > 1e-2);
    }

    @Test
    void concatenationOverOutputsIsOrthogonal() {
        for (int[] p : PAIRS) {
            LorentzIrrep in1 = LorentzIrrep.of(p[0], p[1]);
            LorentzIrrep in2 = LorentzIrrep.of(p[2], p[3]);
            int rows = in1.dim() * in2.dim();
            List<LorentzIrrep> outs = in1.times(in2);
            double[][] columns = new double[rows][];
            int c = 0;
            for (LorentzIrrep out : outs) {
                LorentzClebschGordan cg = LorentzClebschGordan.of(in1, in2, out);
                for (int i = 0; i < out.dim(); i++) {
                    double[] col = new double[rows];
                    for (int r = 0; r < rows; r++) col[r] = cg.get(r / in2.dim(), r % in2.dim(), i);
                    columns[c++] = col;
                }
            }
            assertEquals(rows, c, "square");
            for (int a = 0; a < rows; a++) {
                for (int b = 0; b < rows; b++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) dot += columns[a][r] * columns[b][r];
                    assertEquals(a == b ? 1 : 0, dot, 1e-15, in1 + "x" + in2 + " columns " + a + ", " + b);
                }
            }
        }
    }

    @Test
    void closedFormsOfSmallCouplings() {
        // Two Weyl spinors of the same kind couple to the scalar through the antisymmetric ε/√2.
        LorentzClebschGordan eps = LorentzClebschGordan.of(1, 0, 1, 0, 0, 0);
        assertEquals(0.0, eps.get(0, 0, 0));
        assertEquals(-Math.sqrt(0.5), eps.get(0, 1, 0), 1e-16);
        assertEquals(Math.sqrt(0.5), eps.get(1, 0, 0), 1e-16);
        // (0,0) ⊗ r → r is the identity.
        LorentzClebschGordan id = LorentzClebschGordan.of(0, 0, 3, 1, 3, 1);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) assertEquals(i == j ? 1.0 : 0.0, id.get(0, i, j));
        }
        assertEquals(LorentzIrrep.of(3, 1), id.out());
    }

    @Test
    void couplingTwoFourVectorsToTheScalarGivesHalfTheirMinkowskiProduct() {
        // H[i][j][0] = G[i][j]/√dim with G the bilinear form, the metric on canonical components.
        double[] p = {5, 1, 2, 3};
        double[] q = {4, -1, 0.5, 2};
        ComplexMatrix s = LorentzClebschGordan.of(1, 1, 1, 1, 0, 0)
                .couple(Minkowski.toCanonical(p), Minkowski.toCanonical(q));
        assertEquals(Minkowski.dot(p, q) / 2, s.re(0, 0), 1e-14);
        assertEquals(0, s.im(0, 0), 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LorentzClebschGordan.of(1, 1, 1, 1, 0, 0).couple(Minkowski.toCanonical(p),
                        ComplexMatrix.ofReal(2, 1, new double[2])));
        assertEquals("x2 is 2 x 1 but a (1,1) vector is 4 x 1", e.getMessage());
    }

    @Test
    void couplingsOutsideTheProductAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LorentzClebschGordan.of(1, 1, 1, 1, 1, 1));
        assertEquals("(1,1) is not in (1,1) x (1,1); allowed: [(0,0), (0,2), (2,0), (2,2)]", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> LorentzClebschGordan.of(1, 0, 1, 0, 0, 0).get(2, 0, 0));
    }
}
