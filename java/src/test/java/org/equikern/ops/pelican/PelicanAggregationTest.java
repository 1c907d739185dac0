package org.equikern.ops.pelican;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.ops.jets.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PELICAN's maps against formulas written out op by op from {@code perm_equiv_layers.py},
 * permutation equivariance, padding, finite-difference gradients and float32.
 */
class PelicanAggregationTest {
    private static final int CHANNELS = 2;
    private static final double N_AVG = 3.5;

    /** The value of op o at (i, j) of a rank-2 input t (n×n, one channel), written out directly. */
    private static double twoToTwo(int o, double[][] t, int n, double div, int i, int j) {
        double d = i == j ? 1 : 0;
        switch (o) {
            case 0: return t[i][j];
            case 1: return t[j][i];
            case 2: return d * t[i][i];
            case 3: return t[j][j];
            case 4: return t[i][i];
            case 5: return d * column(t, n, i) / div;
            case 6: return column(t, n, j) / div;
            case 7: return column(t, n, i) / div;
            case 8: return d * row(t, n, i) / div;
            case 9: return row(t, n, j) / div;
            case 10: return row(t, n, i) / div;
            case 11: return trace(t, n) / div;
            case 12: return d * trace(t, n) / div;
            case 13: return total(t, n) / (div * div);
            default: return d * total(t, n) / (div * div);
        }
    }

    private static double twoToOne(int o, double[][] t, int n, double div, int i) {
        switch (o) {
            case 0: return t[i][i];
            case 1: return row(t, n, i) / div;
            case 2: return column(t, n, i) / div;
            case 3: return trace(t, n) / div;
            default: return total(t, n) / (div * div);
        }
    }

    private static double oneToTwo(int o, double[] x, int n, double div, int i, int j) {
        double sum = 0;
        for (int k = 0; k < n; k++) sum += x[k];
        switch (o) {
            case 0: return i == j ? x[i] : 0;
            case 1: return x[j];
            case 2: return x[i];
            case 3: return i == j ? sum / div : 0;
            default: return sum / div;
        }
    }

    private static double column(double[][] t, int n, int j) {
        double s = 0;
        for (int i = 0; i < n; i++) s += t[i][j];
        return s;
    }

    private static double row(double[][] t, int n, int i) {
        double s = 0;
        for (int j = 0; j < n; j++) s += t[i][j];
        return s;
    }

    private static double trace(double[][] t, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += t[i][i];
        return s;
    }

    private static double total(double[][] t, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += row(t, n, i);
        return s;
    }

    @ParameterizedTest
    @EnumSource(Aggregation.class)
    void everyOpMatchesItsFormula(Aggregation aggregation) {
        int particles = 5;
        int[] counts = {4, 2};
        Random random = new Random(7);
        for (PelicanMap map : PelicanMap.values()) {
            PelicanAggregation agg = new PelicanAggregation(map, CHANNELS, aggregation, N_AVG);
            double[] in = FiniteDifferences.gaussian(random, agg.inputLength(2, particles));
            double[] alpha = FiniteDifferences.gaussian(random, agg.alphaLength());
            double[] out = new double[agg.outputLength(2, particles)];
            agg.forward(in, counts, 2, particles, alpha, out);
            for (int b = 0; b < 2; b++) {
                int n = counts[b];
                double div = aggregation == Aggregation.MEAN ? n : N_AVG;
                for (int c = 0; c < CHANNELS; c++) {
                    double[][] t = new double[particles][particles];
                    double[] x = new double[particles];
                    for (int i = 0; i < n; i++) {
                        if (map.inRank() == 1) x[i] = in[(b * particles + i) * CHANNELS + c];
                        for (int j = 0; j < n && map.inRank() == 2; j++) {
                            t[i][j] = in[((b * particles + i) * particles + j) * CHANNELS + c];
                        }
                    }
                    for (int o = 0; o < map.opCount(); o++) {
                        double scale = o < map.firstScaledOp() ? 1
                                : Math.pow(n / N_AVG, alpha[c * map.scaledOpCount() + o - map.firstScaledOp()]);
                        for (int i = 0; i < particles; i++) {
                            for (int j = 0; j < particles; j++) {
                                boolean real = i < n && j < n;
                                double expected;
                                int at;
                                if (map == PelicanMap.TWO_TO_TWO || map == PelicanMap.ONE_TO_TWO) {
                                    expected = !real ? 0 : scale * (map == PelicanMap.TWO_TO_TWO
                                            ? twoToTwo(o, t, n, div, i, j) : oneToTwo(o, x, n, div, i, j));
                                    at = ((((b * particles + i) * particles + j) * CHANNELS) + c) * map.opCount() + o;
                                } else if (map == PelicanMap.TWO_TO_ONE) {
                                    if (j > 0) continue;
                                    expected = i < n ? scale * twoToOne(o, t, n, div, i) : 0;
                                    at = ((b * particles + i) * CHANNELS + c) * map.opCount() + o;
                                } else {
                                    if (i > 0 || j > 0) continue;
                                    expected = scale * (o == 0 ? total(t, n) / (div * div) : trace(t, n) / div);
                                    at = (b * CHANNELS + c) * map.opCount() + o;
                                }
                                assertEquals(expected, out[at], 1e-14, map + " op " + (o + 1) + " at " + b + "," + i
                                        + "," + j + "," + c);
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PelicanMap.class)
    void permutingParticlesPermutesTheOutput(PelicanMap map) {
        int particles = 6;
        int[] counts = {6};
        int[] perm = {3, 0, 5, 1, 4, 2};
        PelicanAggregation agg = new PelicanAggregation(map, CHANNELS, Aggregation.MEAN, N_AVG);
        Random random = new Random(11);
        double[] in = FiniteDifferences.gaussian(random, agg.inputLength(1, particles));
        double[] alpha = FiniteDifferences.gaussian(random, agg.alphaLength());
        double[] permuted = permute(in, perm, map.inRank(), particles, CHANNELS);
        double[] out = new double[agg.outputLength(1, particles)];
        double[] outPermuted = new double[out.length];
        agg.forward(in, counts, 1, particles, alpha, out);
        agg.forward(permuted, counts, 1, particles, alpha, outPermuted);
        double[] expected = permute(out, perm, map.outRank(), particles, CHANNELS * map.opCount());
        for (int k = 0; k < out.length; k++) {
            assertEquals(expected[k], outPermuted[k], 1e-15 * Math.max(1, Math.abs(expected[k])), map + " at " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(PelicanMap.class)
    void paddedParticlesChangeNothing(PelicanMap map) {
        int n = 3;
        int padded = 5;
        PelicanAggregation agg = new PelicanAggregation(map, CHANNELS, Aggregation.SUM, N_AVG);
        Random random = new Random(13);
        double[] alpha = FiniteDifferences.gaussian(random, agg.alphaLength());
        double[] small = FiniteDifferences.gaussian(random, agg.inputLength(1, n));
        double[] big = FiniteDifferences.gaussian(random, agg.inputLength(1, padded)); // garbage in the padding
        copyReal(small, n, big, padded, map.inRank(), CHANNELS);
        double[] outSmall = new double[agg.outputLength(1, n)];
        double[] outBig = new double[agg.outputLength(1, padded)];
        agg.forward(small, new int[] {n}, 1, n, alpha, outSmall);
        agg.forward(big, new int[] {n}, 1, padded, alpha, outBig);
        double[] expected = new double[outBig.length];
        copyReal(outSmall, n, expected, padded, map.outRank(), CHANNELS * map.opCount());
        for (int k = 0; k < expected.length; k++) assertEquals(expected[k], outBig[k], 0.0, map + " at " + k);
    }

    @ParameterizedTest
    @EnumSource(PelicanMap.class)
    void backwardMatchesCentralDifferences(PelicanMap map) {
        int particles = 4;
        int[] counts = {4, 3};
        PelicanAggregation agg = new PelicanAggregation(map, CHANNELS, Aggregation.MEAN, N_AVG);
        Random random = new Random(17);
        double[] in = FiniteDifferences.gaussian(random, agg.inputLength(2, particles));
        double[] alpha = FiniteDifferences.gaussian(random, agg.alphaLength());
        double[] gradOut = FiniteDifferences.gaussian(random, agg.outputLength(2, particles));
        double[] gradIn = new double[in.length];
        double[] gradAlpha = new double[alpha.length];
        agg.backward(in, counts, 2, particles, alpha, gradOut, gradIn, gradAlpha);
        double[] numericIn = FiniteDifferences.gradient(in, 1e-6, x -> loss(agg, x, counts, particles, alpha, gradOut));
        double[] numericAlpha = FiniteDifferences.gradient(alpha, 1e-6,
                a -> loss(agg, in, counts, particles, a, gradOut));
        assertTrue(FiniteDifferences.relativeError(gradIn, numericIn) < 1e-8, map + " input");
        assertTrue(FiniteDifferences.relativeError(gradAlpha, numericAlpha) < 1e-8, map + " alpha");
    }

    @Test
    void float32AgreesWithFloat64() {
        int particles = 5;
        int[] counts = {5, 2};
        PelicanAggregation agg = new PelicanAggregation(PelicanMap.TWO_TO_TWO, CHANNELS, Aggregation.MEAN, N_AVG);
        Random random = new Random(19);
        double[] in = FiniteDifferences.gaussian(random, agg.inputLength(2, particles));
        double[] alpha = FiniteDifferences.gaussian(random, agg.alphaLength());
        double[] gradOut = FiniteDifferences.gaussian(random, agg.outputLength(2, particles));
        double[] out = new double[gradOut.length];
        double[] gradIn = new double[in.length];
        double[] gradAlpha = new double[alpha.length];
        agg.forward(in, counts, 2, particles, alpha, out);
        agg.backward(in, counts, 2, particles, alpha, gradOut, gradIn, gradAlpha);
        float[] out32 = new float[out.length];
        float[] gradIn32 = new float[in.length];
        float[] gradAlpha32 = new float[alpha.length];
        agg.forward(narrow(in), counts, 2, particles, narrow(alpha), out32);
        agg.backward(narrow(in), counts, 2, particles, narrow(alpha), narrow(gradOut), gradIn32, gradAlpha32);
        assertClose(out, out32, 1e-5);
        assertClose(gradIn, gradIn32, 1e-5);
        assertClose(gradAlpha, gradAlpha32, 1e-4);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PelicanAggregation(PelicanMap.TWO_TO_TWO, 1, Aggregation.MEAN, 0));
        assertTrue(e.getMessage().contains("averageCount"), e.getMessage());
        PelicanAggregation agg = new PelicanAggregation(PelicanMap.TWO_TO_ZERO, 1, Aggregation.MEAN, 2);
        e = assertThrows(IllegalArgumentException.class,
                () -> agg.forward(new double[4], new int[] {2}, 1, 2, new double[1], new double[2]));
        assertTrue(e.getMessage().contains("alpha must have length 2, got 1"), e.getMessage());
    }

    private static double loss(PelicanAggregation agg, double[] in, int[] counts, int particles, double[] alpha,
            double[] gradOut) {
        double[] out = new double[gradOut.length];
        agg.forward(in, counts, counts.length, particles, alpha, out);
        return FiniteDifferences.dot(out, gradOut);
    }

    /** Moves particle i to perm[i] along every particle axis of a one-jet array. */
    private static double[] permute(double[] a, int[] perm, int rank, int particles, int inner) {
        double[] out = new double[a.length];
        if (rank == 0) return a.clone();
        for (int i = 0; i < particles; i++) {
            for (int j = 0; j < (rank == 2 ? particles : 1); j++) {
                int from = rank == 2 ? i * particles + j : i;
                int to = rank == 2 ? perm[i] * particles + perm[j] : perm[i];
                System.arraycopy(a, from * inner, out, to * inner, inner);
            }
        }
        return out;
    }

    /** Copies the first n particles of a one-jet array padded to {@code from} into one padded to {@code to}. */
    private static void copyReal(double[] src, int n, double[] dst, int to, int rank, int inner) {
        if (rank == 0) {
            System.arraycopy(src, 0, dst, 0, inner);
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < (rank == 2 ? n : 1); j++) {
                int s = rank == 2 ? i * n + j : i;
                int d = rank == 2 ? i * to + j : i;
                System.arraycopy(src, s * inner, dst, d * inner, inner);
            }
        }
    }

    private static float[] narrow(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    private static void assertClose(double[] expected, float[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), "at " + i);
        }
    }
}
