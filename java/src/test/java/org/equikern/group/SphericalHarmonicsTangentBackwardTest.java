package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SphericalHarmonics#tangentBackward} against central differences of {@link SphericalHarmonics#backward}
 * along a vector tangent and a gradient tangent, with and without normalization, for every normalization
 * of the components; the zero vector under normalize gets 0, as its gradient does.
 */
class SphericalHarmonicsTangentBackwardTest {
    private static final int N = 6;
    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-7;

    @ParameterizedTest(name = "lmax {0} {1} normalize={2}")
    @CsvSource({"0, COMPONENT, true", "1, NORM, true", "3, COMPONENT, true", "4, INTEGRAL, true",
        "3, COMPONENT, false", "2, INTEGRAL, false"})
    void theTangentIsTheDerivativeOfTheBackward(int lmax, ShNormalization normalization, boolean normalize) {
        SphericalHarmonics sh = SphericalHarmonics.of(lmax, normalization, normalize);
        SplittableRandom random = new SplittableRandom(lmax * 7L + (normalize ? 1 : 0));
        double[] v = values(random, 3 * N);
        double[] vDot = values(random, 3 * N);
        double[] g = values(random, N * sh.dim());
        double[] gDot = values(random, N * sh.dim());
        double[] actual = new double[3 * N];
        sh.tangentBackward(v, vDot, g, gDot, actual, N);
        double[] expected = FiniteDifferences.alongDirection(t -> {
            double[] out = new double[3 * N];
            sh.backward(FiniteDifferences.shifted(v, t, vDot), FiniteDifferences.shifted(g, t, gDot), out, N);
            return out;
        }, STEP);
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * scale, "component " + i);
        }
    }

    @Test
    void theZeroVectorUnderNormalizeGetsZero() {
        SphericalHarmonics sh = SphericalHarmonics.of(2, ShNormalization.COMPONENT, true);
        double[] out = {7, 7, 7};
        sh.tangentBackward(new double[3], new double[] {1, 2, 3}, new double[sh.dim()], new double[sh.dim()], out, 1);
        assertArrayEquals(new double[3], out);
    }

    @Test
    void argumentsAreChecked() {
        SphericalHarmonics sh = SphericalHarmonics.of(1, ShNormalization.COMPONENT, true);
        double[] v = new double[6];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sh.tangentBackward(v, new double[5], new double[8], new double[8], new double[6], 2));
        assertEquals("vectorTangents: expected at least 6 values (n=2 x 3), got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> sh.tangentBackward(v, new double[6], new double[8], new double[8], v, 2));
        assertEquals("SphericalHarmonics.tangentBackward: output 'gradVectorsTangent' aliases input 'vectors'",
                e.getMessage());
    }

    private static double[] values(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = random.nextDouble(-1.5, 1.5);
        return out;
    }
}
