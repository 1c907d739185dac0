package org.equikern.ops.lorentznet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.equikern.group.lorentz.LorentzTransform;
import org.equikern.group.lorentz.Minkowski;
import org.equikern.ops.jets.FiniteDifferences;
import org.junit.jupiter.api.Test;

/** LorentzNet's LGEB primitives against direct formulas, the group, padding and finite differences. */
class LgebPrimitivesTest {
    private static final int BATCH = 2;
    private static final int PARTICLES = 4;
    private static final int[] COUNTS = {4, 3};
    private static final int EDGES = BATCH * PARTICLES * PARTICLES;

    private static double[] vector(double[] x, int b, int i) {
        return Arrays.copyOfRange(x, (b * PARTICLES + i) * 4, (b * PARTICLES + i) * 4 + 4);
    }

    @Test
    void edgeFeaturesArePsiOfMinkowskiProducts() {
        double[] x = FiniteDifferences.gaussian(new Random(1), BATCH * PARTICLES * 4);
        double[] norms = new double[EDGES];
        double[] dots = new double[EDGES];
        LgebPrimitives.edgeFeatures(x, COUNTS, BATCH, PARTICLES, norms, dots);
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < PARTICLES; i++) {
                for (int j = 0; j < PARTICLES; j++) {
                    boolean edge = i != j && i < COUNTS[b] && j < COUNTS[b];
                    double[] xi = vector(x, b, i);
                    double[] xj = vector(x, b, j);
                    double[] diff = {xi[0] - xj[0], xi[1] - xj[1], xi[2] - xj[2], xi[3] - xj[3]};
                    double n = Minkowski.squaredNorm(diff);
                    double d = Minkowski.dot(xi, xj);
                    int e = (b * PARTICLES + i) * PARTICLES + j;
                    assertEquals(edge ? Math.signum(n) * Math.log(Math.abs(n) + 1) : 0, norms[e], 1e-14);
                    assertEquals(edge ? Math.signum(d) * Math.log(Math.abs(d) + 1) : 0, dots[e], 1e-14);
                }
            }
        }
    }

    @Test
    void edgeFeaturesAreInvariantAndThePositionUpdateEquivariant() {
        Random random = new Random(2);
        double[] x = FiniteDifferences.gaussian(random, BATCH * PARTICLES * 4);
        double[] phi = FiniteDifferences.gaussian(random, EDGES);
        LorentzTransform lambda = LorentzTransform.random(random, 3.0);
        double[] moved = new double[x.length];
        for (int p = 0; p < BATCH * PARTICLES; p++) {
            System.arraycopy(lambda.apply(Arrays.copyOfRange(x, 4 * p, 4 * p + 4)), 0, moved, 4 * p, 4);
        }
        double[] norms = new double[EDGES], dots = new double[EDGES];
        double[] norms2 = new double[EDGES], dots2 = new double[EDGES];
        LgebPrimitives.edgeFeatures(x, COUNTS, BATCH, PARTICLES, norms, dots);
        LgebPrimitives.edgeFeatures(moved, COUNTS, BATCH, PARTICLES, norms2, dots2);
        assertTrue(FiniteDifferences.relativeError(norms2, norms) < 1e-11);
        assertTrue(FiniteDifferences.relativeError(dots2, dots) < 1e-11);
        double[] out = new double[x.length];
        double[] outMoved = new double[x.length];
        LgebPrimitives.positionUpdate(x, phi, 0.7, COUNTS, BATCH, PARTICLES, out);
        LgebPrimitives.positionUpdate(moved, phi, 0.7, COUNTS, BATCH, PARTICLES, outMoved);
        double[] expected = new double[x.length];
        for (int p = 0; p < BATCH * PARTICLES; p++) {
            System.arraycopy(lambda.apply(Arrays.copyOfRange(out, 4 * p, 4 * p + 4)), 0, expected, 4 * p, 4);
        }
        assertTrue(FiniteDifferences.relativeError(outMoved, expected) < 1e-12);
    }

    @Test
    void positionUpdateAndMessageSumMatchDirectFormulas() {
        Random random = new Random(3);
        double[] x = FiniteDifferences.gaussian(random, BATCH * PARTICLES * 4);
        double[] phi = FiniteDifferences.gaussian(random, EDGES);
        double[] out = new double[x.length];
        LgebPrimitives.positionUpdate(x, phi, 0.5, COUNTS, BATCH, PARTICLES, out);
        int hidden = 3;
        double[] m = FiniteDifferences.gaussian(random, EDGES * hidden);
        double[] sums = new double[BATCH * PARTICLES * hidden];
        LgebPrimitives.messageSum(m, hidden, COUNTS, BATCH, PARTICLES, sums);
        for (int b = 0; b < BATCH; b++) {
            int n = COUNTS[b];
            for (int i = 0; i < PARTICLES; i++) {
                for (int mu = 0; mu < 4; mu++) {
                    double mean = 0;
                    for (int j = 0; j < n; j++) {
                        if (j != i) mean += (x[(b * PARTICLES + i) * 4 + mu] - x[(b * PARTICLES + j) * 4 + mu])
                                * phi[(b * PARTICLES + i) * PARTICLES + j];
                    }
                    double expected = i < n ? x[(b * PARTICLES + i) * 4 + mu] + 0.5 * mean / (n - 1) : 0;
                    assertEquals(expected, out[(b * PARTICLES + i) * 4 + mu], 1e-14);
                }
                for (int h = 0; h < hidden; h++) {
                    double sum = 0;
                    for (int j = 0; j < n && i < n; j++) {
                        if (j != i) sum += m[((b * PARTICLES + i) * PARTICLES + j) * hidden + h];
                    }
                    assertEquals(sum, sums[(b * PARTICLES + i) * hidden + h], 1e-14);
                }
            }
        }
    }

    @Test
    void backwardsMatchCentralDifferences() {
        Random random = new Random(4);
        double[] x = FiniteDifferences.gaussian(random, BATCH * PARTICLES * 4);
        double[] gn = FiniteDifferences.gaussian(random, EDGES);
        double[] gd = FiniteDifferences.gaussian(random, EDGES);
        double[] gradX = new double[x.length];
        LgebPrimitives.edgeFeaturesBackward(x, COUNTS, BATCH, PARTICLES, gn, gd, gradX);
        double[] numeric = FiniteDifferences.gradient(x, 1e-6, y -> {
            double[] n = new double[EDGES], d = new double[EDGES];
            LgebPrimitives.edgeFeatures(y, COUNTS, BATCH, PARTICLES, n, d);
            return FiniteDifferences.dot(n, gn) + FiniteDifferences.dot(d, gd);
        });
        assertTrue(FiniteDifferences.relativeError(gradX, numeric) < 1e-8, "edge features");

        double[] phi = FiniteDifferences.gaussian(random, EDGES);
        double[] gradOut = FiniteDifferences.gaussian(random, x.length);
        double[] gradPhi = new double[EDGES];
        LgebPrimitives.positionUpdateBackward(x, phi, 0.3, COUNTS, BATCH, PARTICLES, gradOut, gradX, gradPhi);
        assertTrue(FiniteDifferences.relativeError(gradX, FiniteDifferences.gradient(x, 1e-6,
                y -> update(y, phi, gradOut))) < 1e-8, "update x");
        assertTrue(FiniteDifferences.relativeError(gradPhi, FiniteDifferences.gradient(phi, 1e-6,
                f -> update(x, f, gradOut))) < 1e-8, "update phi");

        int hidden = 2;
        double[] m = FiniteDifferences.gaussian(random, EDGES * hidden);
        double[] gradSums = FiniteDifferences.gaussian(random, BATCH * PARTICLES * hidden);
        double[] gradM = new double[m.length];
        LgebPrimitives.messageSumBackward(gradSums, hidden, COUNTS, BATCH, PARTICLES, gradM);
        assertTrue(FiniteDifferences.relativeError(gradM, FiniteDifferences.gradient(m, 1e-6, y -> {
            double[] s = new double[gradSums.length];
            LgebPrimitives.messageSum(y, hidden, COUNTS, BATCH, PARTICLES, s);
            return FiniteDifferences.dot(s, gradSums);
        })) < 1e-8, "message sum");
    }

    private static double update(double[] x, double[] phi, double[] gradOut) {
        double[] out = new double[x.length];
        LgebPrimitives.positionUpdate(x, phi, 0.3, COUNTS, BATCH, PARTICLES, out);
        return FiniteDifferences.dot(out, gradOut);
    }

    @Test
    void float32AgreesWithFloat64() {
        Random random = new Random(5);
        double[] x = FiniteDifferences.gaussian(random, BATCH * PARTICLES * 4);
        double[] phi = FiniteDifferences.gaussian(random, EDGES);
        double[] norms = new double[EDGES], dots = new double[EDGES], out = new double[x.length];
        LgebPrimitives.edgeFeatures(x, COUNTS, BATCH, PARTICLES, norms, dots);
        LgebPrimitives.positionUpdate(x, phi, 0.5, COUNTS, BATCH, PARTICLES, out);
        float[] norms32 = new float[EDGES], dots32 = new float[EDGES], out32 = new float[x.length];
        LgebPrimitives.edgeFeatures(narrow(x), COUNTS, BATCH, PARTICLES, norms32, dots32);
        LgebPrimitives.positionUpdate(narrow(x), narrow(phi), 0.5, COUNTS, BATCH, PARTICLES, out32);
        for (int e = 0; e < EDGES; e++) {
            assertEquals(norms[e], norms32[e], 1e-5);
            assertEquals(dots[e], dots32[e], 1e-5);
        }
        for (int k = 0; k < x.length; k++) assertEquals(out[k], out32[k], 1e-5);
        double[] gradX = new double[x.length];
        float[] gradX32 = new float[x.length];
        double[] gn = FiniteDifferences.gaussian(random, EDGES);
        LgebPrimitives.edgeFeaturesBackward(x, COUNTS, BATCH, PARTICLES, gn, gn, gradX);
        LgebPrimitives.edgeFeaturesBackward(narrow(x), COUNTS, BATCH, PARTICLES, narrow(gn), narrow(gn), gradX32);
        for (int k = 0; k < x.length; k++) assertEquals(gradX[k], gradX32[k], 1e-4);
    }

    private static float[] narrow(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
