package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SphericalHarmonicsTest {
    private final Random random = new Random(19);

    @Test
    void conventionsTableValues() {
        SphericalHarmonics sh = SphericalHarmonics.of(2, ShNormalization.COMPONENT, false);
        double x = 0.3;
        double y = -0.7;
        double z = 1.1;
        double[] out = new double[9];
        sh.compute(new double[] {x, y, z}, out, 1);
        double s3 = Math.sqrt(3);
        double s15 = Math.sqrt(15);
        double[] expected = {1, s3 * x, s3 * y, s3 * z, s15 * x * z, s15 * x * y,
            Math.sqrt(5) * (y * y - (x * x + z * z) / 2), s15 * y * z, s15 / 2 * (z * z - x * x)};
        for (int k = 0; k < 9; k++) assertEquals(expected[k], out[k], 1e-14, "component " + k);
    }

    @Test
    void normalizationsOnTheUnitSphereUpTo20() {
        int lmax = 20;
        double[] v = randomVectors(5);
        for (ShNormalization norm : ShNormalization.values()) {
            SphericalHarmonics sh = SphericalHarmonics.of(lmax, norm, true);
            double[] out = new double[5 * sh.dim()];
            sh.compute(v, out, 5);
            for (int s = 0; s < 5; s++) {
                for (int l = 0; l <= lmax; l++) {
                    double sum = 0;
                    for (int m = 0; m <= 2 * l; m++) {
                        double y = out[s * sh.dim() + l * l + m];
                        sum += y * y;
                    }
                    double expected = norm == ShNormalization.NORM ? 1
                            : norm == ShNormalization.COMPONENT ? 2 * l + 1 : (2 * l + 1) / (4 * Math.PI);
                    assertEquals(expected, sum, 1e-12 * expected, norm + " l=" + l);
                }
            }
        }
    }

    @Test
    void equivariantUpTo12() {
        int lmax = 12;
        SphericalHarmonics sh = SphericalHarmonics.of(lmax, ShNormalization.COMPONENT, false);
        int n = 6;
        double[] v = randomVectors(n);
        for (int t = 0; t < 3; t++) {
            Rotation r = Rotation.random(random);
            double[] rotated = new double[3 * n];
            for (int s = 0; s < n; s++) {
                double[] w = r.apply(new double[] {v[3 * s], v[3 * s + 1], v[3 * s + 2]});
                System.arraycopy(w, 0, rotated, 3 * s, 3);
            }
            double[] y = new double[n * sh.dim()];
            double[] yRotated = new double[n * sh.dim()];
            sh.compute(v, y, n);
            sh.compute(rotated, yRotated, n);
            double[] expected = Representation.apply(sh.irreps(), r, false, y, n);
            assertRelativelyClose(expected, yRotated, 1e-12, "SH(Rv) = D(R) SH(v)");
            // Parity: SH(-v) = (-1)^l SH(v), exactly (the recursion only flips signs).
            double[] negated = new double[3 * n];
            for (int i = 0; i < negated.length; i++) negated[i] = -v[i];
            double[] yNegated = new double[n * sh.dim()];
            sh.compute(negated, yNegated, n);
            for (int s = 0; s < n; s++) {
                for (int l = 0; l <= lmax; l++) {
                    for (int m = 0; m <= 2 * l; m++) {
                        int k = s * sh.dim() + l * l + m;
                        assertEquals((l % 2 == 0 ? 1 : -1) * y[k], yNegated[k], "parity l=" + l);
                    }
                }
            }
        }
    }

    @Test
    void jacobianAndBackwardMatchFiniteDifferences() {
        for (boolean normalize : new boolean[] {false, true}) {
            for (ShNormalization norm : ShNormalization.values()) {
                SphericalHarmonics sh = SphericalHarmonics.of(8, norm, normalize);
                int n = 4;
                double[] v = randomVectors(n);
                int dim = sh.dim();
                double[] jac = new double[n * dim * 3];
                sh.jacobian(v, jac, n);
                double[] numeric = finiteDifferenceJacobian(sh, v, n);
                assertRelativelyClose(numeric, jac, 1e-8, "jacobian normalize=" + normalize + " " + norm);
                double[] gradOut = new double[n * dim];
                for (int i = 0; i < gradOut.length; i++) gradOut[i] = random.nextGaussian();
                double[] grad = new double[3 * n];
                sh.backward(v, gradOut, grad, n);
                double[] expected = new double[3 * n];
                for (int s = 0; s < n; s++) {
                    for (int k = 0; k < dim; k++) {
                        for (int a = 0; a < 3; a++) {
                            expected[3 * s + a] += gradOut[s * dim + k] * numeric[(s * dim + k) * 3 + a];
                        }
                    }
                }
                assertRelativelyClose(expected, grad, 1e-8, "backward normalize=" + normalize + " " + norm);
            }
        }
    }

    @Test
    void normalizedJacobianIsTangential() {
        // Y(v/|v|) does not change along v.
        SphericalHarmonics sh = SphericalHarmonics.of(6, ShNormalization.NORM, true);
        double[] v = {0.4, -2.0, 1.3};
        double[] jac = new double[sh.dim() * 3];
        sh.jacobian(v, jac, 1);
        for (int k = 0; k < sh.dim(); k++) {
            double radial = jac[3 * k] * v[0] + jac[3 * k + 1] * v[1] + jac[3 * k + 2] * v[2];
            assertEquals(0, radial, 1e-13, "component " + k);
        }
    }

    @Test
    void zeroVector() {
        double[] zero = new double[3];
        for (boolean normalize : new boolean[] {false, true}) {
            SphericalHarmonics sh = SphericalHarmonics.of(5, ShNormalization.INTEGRAL, normalize);
            double[] out = new double[sh.dim()];
            sh.compute(zero, out, 1);
            assertEquals(1 / Math.sqrt(4 * Math.PI), out[0], 1e-16);
            for (int k = 1; k < sh.dim(); k++) assertEquals(0.0, out[k], "component " + k);
            double[] jac = new double[sh.dim() * 3];
            sh.jacobian(zero, jac, 1);
            double[] grad = new double[3];
            double[] gradOut = new double[sh.dim()];
            Arrays.fill(gradOut, 1.0);
            sh.backward(zero, gradOut, grad, 1);
            double c = Math.sqrt(3 / (4 * Math.PI));
            for (int k = 0; k < sh.dim(); k++) {
                for (int a = 0; a < 3; a++) {
                    // Only the linear polynomials have a gradient at the origin, unless normalizing.
                    double expected = !normalize && k >= 1 && k <= 3 && a == k - 1 ? c : 0.0;
                    assertEquals(expected, jac[3 * k + a], 1e-15, "normalize=" + normalize + " d" + k + "/d" + a);
                }
            }
            assertEquals(normalize ? 0.0 : c, grad[0], 1e-15);
        }
    }

    @Test
    void floatOverloadAgreesWithDoubleWithinItsDocumentedError() {
        SphericalHarmonics sh = SphericalHarmonics.of(7, ShNormalization.COMPONENT, true);
        int n = 10;
        double[] v = randomVectors(n);
        float[] vf = new float[v.length];
        double[] vRounded = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            vf[i] = (float) v[i];
            vRounded[i] = vf[i];
        }
        float[] outF = new float[n * sh.dim()];
        double[] out = new double[n * sh.dim()];
        sh.compute(vf, outF, n);
        sh.compute(vRounded, out, n);
        FloatHarmonicsTest.assertRowsClose(out, outF, sh.dim(), "lmax 7");
    }

    @Test
    void blockedEvaluationMatchesStraightforwardRecursionBitForBit() {
        // Batch sizes around the block (64) and past one parallel chunk (4096 vectors).
        int[] sizes = {0, 1, 63, 64, 65, 130, 4096 + 64 + 5};
        for (int lmax = 0; lmax <= 12; lmax++) {
            for (ShNormalization normalization : ShNormalization.values()) {
                for (boolean normalize : new boolean[] {false, true}) {
                    SphericalHarmonics sh = SphericalHarmonics.of(lmax, normalization, normalize);
                    for (int n : sizes) {
                        if (n > 1000 && lmax % 4 != 0) continue;
                        double[] v = randomVectors(n);
                        for (int s = 0; s < n; s += 7) v[3 * s] = v[3 * s + 1] = v[3 * s + 2] = 0;
                        float[] vf = new float[v.length];
                        double[] vRounded = new double[v.length];
                        for (int i = 0; i < v.length; i++) {
                            vf[i] = (float) v[i];
                            vRounded[i] = vf[i];
                        }
                        String what = "lmax " + lmax + " " + normalization + " normalize=" + normalize + " n=" + n;
                        double[] out = new double[n * sh.dim()];
                        sh.compute(v, out, n);
                        assertArrayEquals(straightforward(sh, v, n), out, what);
                        float[] outF = new float[n * sh.dim()];
                        sh.compute(vf, outF, n);
                        FloatHarmonicsTest.assertRowsClose(straightforward(sh, vRounded, n), outF, sh.dim(), what);
                    }
                }
            }
        }
    }

    @Test
    void chunkedDerivativesMatchOneVectorAtATime() {
        for (boolean normalize : new boolean[] {false, true}) {
            SphericalHarmonics sh = SphericalHarmonics.of(4, ShNormalization.NORM, normalize);
            int dim = sh.dim();
            int n = 3 * 4096 + 11; // several parallel chunks and a partial one
            double[] v = randomVectors(n);
            for (int s = 0; s < n; s += 7) v[3 * s] = v[3 * s + 1] = v[3 * s + 2] = 0;
            double[] gradOut = new double[n * dim];
            for (int i = 0; i < gradOut.length; i++) gradOut[i] = random.nextGaussian();
            double[] jac = new double[n * dim * 3];
            double[] grad = new double[3 * n];
            sh.jacobian(v, jac, n);
            sh.backward(v, gradOut, grad, n);
            double[] jacOne = new double[dim * 3];
            double[] gradOne = new double[3];
            for (int s = 0; s < n; s += 97) {
                double[] one = Arrays.copyOfRange(v, 3 * s, 3 * s + 3);
                sh.jacobian(one, jacOne, 1);
                sh.backward(one, Arrays.copyOfRange(gradOut, s * dim, (s + 1) * dim), gradOne, 1);
                assertArrayEquals(jacOne, Arrays.copyOfRange(jac, s * dim * 3, (s + 1) * dim * 3));
                assertArrayEquals(gradOne, Arrays.copyOfRange(grad, 3 * s, 3 * s + 3));
            }
        }
    }

    /** One vector at a time from the published recursion tables, as a GPU kernel applies them. */
    private static double[] straightforward(SphericalHarmonics sh, double[] v, int n) {
        int[] terms = sh.recursionTerms();
        double[] coefficients = sh.recursionCoefficients();
        double[] scale = sh.componentScale();
        int dim = sh.dim();
        double[] out = new double[n * dim];
        for (int s = 0; s < n; s++) {
            double[] u = {v[3 * s], v[3 * s + 1], v[3 * s + 2]};
            if (sh.normalize()) {
                double r = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
                double inv = r > 0 ? 1 / r : 0;
                for (int a = 0; a < 3; a++) u[a] *= inv;
            }
            double[] y = new double[dim];
            y[0] = 1;
            for (int t = 0; t < coefficients.length; t++) {
                y[terms[3 * t + 2]] += coefficients[t] * u[terms[3 * t]] * y[terms[3 * t + 1]];
            }
            for (int k = 0; k < dim; k++) out[s * dim + k] = y[k] * scale[k];
        }
        return out;
    }

    @Test
    void describesItself() {
        SphericalHarmonics sh = SphericalHarmonics.of(3, ShNormalization.NORM, true);
        assertEquals(3, sh.lmax());
        assertEquals(16, sh.dim());
        assertEquals(Irreps.parse("1x0e+1x1o+1x2e+1x3o"), sh.irreps());
        assertEquals(ShNormalization.NORM, sh.normalization());
        assertTrue(sh.normalize());
        assertEquals(ShNormalization.COMPONENT, ShNormalization.parse("component"));
        assertEquals(ShNormalization.INTEGRAL, ShNormalization.parse("integral"));
        assertEquals("norm", ShNormalization.NORM.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShNormalization.parse("Component"));
        assertEquals("unknown spherical harmonics normalization 'Component'; known: integral, component, norm",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SphericalHarmonics.of(-1, ShNormalization.NORM, true));
    }

    @Test
    void validatesLengths() {
        SphericalHarmonics sh = SphericalHarmonics.of(2, ShNormalization.COMPONENT, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sh.compute(new double[5], new double[18], 2));
        assertEquals("vectors: expected at least 6 values (n=2 x 3), got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sh.compute(new double[6], new double[17], 2));
        assertEquals("out: expected at least 18 values (n=2 x 9), got 17", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sh.jacobian(new double[6], new double[18], 2));
        assertEquals("out: expected at least 54 values (n=2 x 27), got 18", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> sh.backward(new double[6], new double[18], new double[5], 2));
        assertEquals("gradVectors: expected at least 6 values (n=2 x 3), got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sh.compute(new float[6], new float[3], 2));
        assertTrue(e.getMessage().startsWith("out: expected at least 18"), e.getMessage());
    }

    private double[] randomVectors(int n) {
        double[] v = new double[3 * n];
        for (int i = 0; i < v.length; i++) v[i] = random.nextGaussian();
        return v;
    }

    private static double[] finiteDifferenceJacobian(SphericalHarmonics sh, double[] v, int n) {
        int dim = sh.dim();
        double[] jac = new double[n * dim * 3];
        double h = 1e-5;
        double[] plus = new double[dim];
        double[] minus = new double[dim];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < 3; a++) {
                double[] w = {v[3 * s], v[3 * s + 1], v[3 * s + 2]};
                w[a] += h;
                sh.compute(w, plus, 1);
                w[a] -= 2 * h;
                sh.compute(w, minus, 1);
                for (int k = 0; k < dim; k++) jac[(s * dim + k) * 3 + a] = (plus[k] - minus[k]) / (2 * h);
            }
        }
        return jac;
    }

    private static void assertRelativelyClose(double[] expected, double[] actual, double tolerance, String what) {
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        double d = Matrices.maxAbsDifference(expected, actual);
        assertTrue(d <= tolerance * scale, what + ": max_abs " + d + " vs scale " + scale);
    }
}
