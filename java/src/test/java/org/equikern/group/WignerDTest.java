package org.equikern.group;

import static org.equikern.group.Matrices.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.testing.JsonObject;
import org.equikern.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;

class WignerDTest {
    private final Random random = new Random(11);

    @Test
    void referenceOutlierIsE3nnRoundOff() {
        // e3nn's matrix_exp puts case #2's D_1 2.1e-10 away from the case's own rotation matrix;
        // D_1 = R holds exactly here, and every other D of the file agrees to round-off.
        JsonObject c = ReferenceFiles.e3nn("wigner_D.json").objects("cases").get(2);
        double[] matrix = c.doubles("matrix");
        double[] e3nnD1 = c.objects("D").get(1).doubles("values");
        double selfError = Matrices.maxAbsDifference(matrix, e3nnD1);
        assertTrue(selfError > 2e-10 && selfError < 2.2e-10, "e3nn D_1 vs matrix " + selfError);
        double[] ours = WignerD.ofEuler(1, c.number("alpha"), c.number("beta"), c.number("gamma"));
        assertTrue(Matrices.maxAbsDifference(matrix, ours) < 1e-15);
        int index = 0;
        for (JsonObject testCase : ReferenceFiles.e3nn("wigner_D.json").objects("cases")) {
            for (JsonObject d : testCase.objects("D")) {
                if (index == 2 && d.integer("l") == 1) continue;
                double[] computed = WignerD.ofEuler(d.integer("l"), testCase.number("alpha"),
                        testCase.number("beta"), testCase.number("gamma"));
                assertClose(d.doubles("values"), computed, 1e-13, "case " + index + " l=" + d.integer("l"));
            }
            index++;
        }
    }

    @Test
    void lowDegrees() {
        Rotation r = Rotation.random(random);
        assertArrayEquals(new double[] {1}, WignerD.of(0, r), 0);
        assertArrayEquals(r.matrix(), WignerD.of(1, r), 0);
        for (int l = 0; l <= 6; l++) {
            assertClose(Matrices.identity(2 * l + 1), WignerD.of(l, Rotation.identity()), 1e-15, "D(identity)");
        }
        assertArrayEquals(WignerD.of(3, Rotation.fromEuler(0.1, 0.2, 0.3)), WignerD.ofEuler(3, 0.1, 0.2, 0.3), 0);
        assertThrows(IllegalArgumentException.class, () -> WignerD.of(-1, r));
    }

    @Test
    void homomorphismAndOrthogonalUpTo20() {
        for (int t = 0; t < 3; t++) {
            Rotation a = Rotation.random(random);
            Rotation b = Rotation.random(random);
            for (int l = 0; l <= 20; l++) {
                int n = 2 * l + 1;
                double[] da = WignerD.of(l, a);
                double[] db = WignerD.of(l, b);
                assertClose(WignerD.of(l, a.times(b)), Matrices.multiply(da, db, n), 1e-12, "D(ab) l=" + l);
                assertClose(Matrices.identity(n), Matrices.multiply(da, Matrices.transpose(da, n), n), 1e-12,
                        "D D^T l=" + l);
                assertClose(Matrices.transpose(da, n), WignerD.of(l, a.inverse()), 1e-12, "D(a^-1) l=" + l);
            }
        }
    }

    @Test
    void yRotationsActDiagonallyOnPairs() {
        // e3nn's basis: about the y axis, component m pairs with -m and rotates by angle |m|·θ.
        double theta = 0.7;
        int l = 4;
        double[] d = WignerD.of(l, Rotation.aboutY(theta));
        int n = 2 * l + 1;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i && j != 2 * l - i) assertEquals(0.0, d[i * n + j], 1e-14);
            }
            assertEquals(Math.cos((i - l) * theta), d[i * n + i], 1e-14);
        }
    }

    @Test
    void parityOfIrreps() {
        Rotation r = Rotation.random(random);
        double[] d = WignerD.of(2, r);
        assertArrayEquals(d, WignerD.of(Irrep.parse("2e"), r, true), 0);
        assertArrayEquals(d, WignerD.of(Irrep.parse("2o"), r, false), 0);
        double[] odd = WignerD.of(Irrep.parse("2o"), r, true);
        for (int i = 0; i < d.length; i++) assertEquals(-d[i], odd[i]);
        double[] vector = WignerD.of(Irrep.parse("1o"), r, true);
        double[] m = r.matrix();
        for (int i = 0; i < 9; i++) assertEquals(-m[i], vector[i]);
    }

    @Test
    void representationIsBlockDiagonalInMulIrLayout() {
        Irreps irreps = Irreps.parse("2x0e+1x1o+2x2e+1x1o");
        Rotation r = Rotation.random(random);
        double[] full = Representation.matrix(irreps, r, true);
        int dim = irreps.dim();
        assertEquals(2 + 3 + 10 + 3, dim);
        double[] expected = new double[dim * dim];
        int offset = 0;
        for (MulIrrep block : irreps) {
            double[] d = WignerD.of(block.irrep(), r, true);
            int n = block.irrep().dim();
            for (int u = 0; u < block.mul(); u++, offset += n) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) expected[(offset + i) * dim + offset + j] = d[i * n + j];
                }
            }
        }
        assertArrayEquals(expected, full, 0);
        // The 1o block under inversion is -R.
        assertEquals(-r.get(0, 1), full[(2 + 0) * dim + 2 + 1]);
    }

    @Test
    void applyRotatesEachVectorOfTheBatch() {
        Irreps irreps = Irreps.parse("3x0o+2x1e+1x3o");
        Rotation r = Rotation.random(random);
        int dim = irreps.dim();
        int batch = 4;
        double[] x = new double[batch * dim];
        for (int i = 0; i < x.length; i++) x[i] = random.nextGaussian();
        double[] xCopy = x.clone();
        double[] y = Representation.apply(irreps, r, true, x, batch);
        assertArrayEquals(xCopy, x, 0);
        double[] m = Representation.matrix(irreps, r, true);
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < dim; i++) {
                double acc = 0;
                for (int j = 0; j < dim; j++) acc += m[i * dim + j] * x[s * dim + j];
                assertEquals(acc, y[s * dim + i], 1e-14);
            }
        }
        // Scalars 0o only flip sign under inversion.
        assertEquals(-x[0], y[0], 0);
        double[] back = Representation.apply(irreps, r.inverse(), true, y, batch);
        assertClose(x, back, 1e-13, "inverse element");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Representation.apply(irreps, r, false, new double[dim + 1], 1));
        assertTrue(e.getMessage().contains("expected batch * dim = 1 * " + dim), e.getMessage());
    }
}
