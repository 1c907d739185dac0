package org.equikern.ops.minkowski;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.equikern.group.lorentz.Minkowski;
import org.equikern.ops.jets.FiniteDifferences;
import org.junit.jupiter.api.Test;

/** The masked Gram matrix against direct Minkowski products and its backward against finite differences. */
class MinkowskiGramTest {
    private static final int BATCH = 3;
    private static final int PARTICLES = 5;
    private static final int[] COUNTS = {5, 3, 0};

    @Test
    void gramEqualsDirectMinkowskiProductsAndZeroOnPadding() {
        double[] p = FiniteDifferences.gaussian(new Random(1), BATCH * PARTICLES * 4);
        double[] gram = new double[BATCH * PARTICLES * PARTICLES];
        MinkowskiGram.forward(p, COUNTS, BATCH, PARTICLES, gram);
        for (int b = 0; b < BATCH; b++) {
            for (int i = 0; i < PARTICLES; i++) {
                for (int j = 0; j < PARTICLES; j++) {
                    double expected = i < COUNTS[b] && j < COUNTS[b]
                            ? Minkowski.dot(vector(p, b, i), vector(p, b, j)) : 0;
                    assertEquals(expected, gram[(b * PARTICLES + i) * PARTICLES + j], 1e-15, b + " " + i + " " + j);
                }
            }
        }
    }

    @Test
    void backwardMatchesCentralDifferences() {
        Random random = new Random(2);
        double[] p = FiniteDifferences.gaussian(random, BATCH * PARTICLES * 4);
        double[] gradGram = FiniteDifferences.gaussian(random, BATCH * PARTICLES * PARTICLES);
        double[] grad = new double[p.length];
        MinkowskiGram.backward(p, COUNTS, BATCH, PARTICLES, gradGram, grad);
        double[] numeric = FiniteDifferences.gradient(p, 1e-5, x -> {
            double[] g = new double[gradGram.length];
            MinkowskiGram.forward(x, COUNTS, BATCH, PARTICLES, g);
            return FiniteDifferences.dot(g, gradGram);
        });
        assertTrue(FiniteDifferences.relativeError(grad, numeric) < 1e-9);
    }

    @Test
    void float32AgreesWithFloat64() {
        Random random = new Random(3);
        double[] p = FiniteDifferences.gaussian(random, BATCH * PARTICLES * 4);
        double[] gradGram = FiniteDifferences.gaussian(random, BATCH * PARTICLES * PARTICLES);
        double[] gram = new double[gradGram.length];
        double[] grad = new double[p.length];
        MinkowskiGram.forward(p, COUNTS, BATCH, PARTICLES, gram);
        MinkowskiGram.backward(p, COUNTS, BATCH, PARTICLES, gradGram, grad);
        float[] gram32 = new float[gram.length];
        float[] grad32 = new float[grad.length];
        MinkowskiGram.forward(narrow(p), COUNTS, BATCH, PARTICLES, gram32);
        MinkowskiGram.backward(narrow(p), COUNTS, BATCH, PARTICLES, narrow(gradGram), grad32);
        for (int i = 0; i < gram.length; i++) assertEquals(gram[i], gram32[i], 1e-5);
        for (int i = 0; i < grad.length; i++) assertEquals(grad[i], grad32[i], 1e-4);
    }

    @Test
    void badArgumentsAreNamed() {
        double[] p = new double[BATCH * PARTICLES * 4];
        double[] gram = new double[BATCH * PARTICLES * PARTICLES];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MinkowskiGram.forward(p, new int[] {5, 6, 0}, BATCH, PARTICLES, gram));
        assertTrue(e.getMessage().contains("counts[1] = 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MinkowskiGram.forward(p, COUNTS, BATCH, PARTICLES, new double[3]));
        assertTrue(e.getMessage().contains("gram must have length 75"), e.getMessage());
    }

    private static double[] vector(double[] p, int b, int i) {
        int at = (b * PARTICLES + i) * 4;
        return Arrays.copyOfRange(p, at, at + 4);
    }

    private static float[] narrow(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
