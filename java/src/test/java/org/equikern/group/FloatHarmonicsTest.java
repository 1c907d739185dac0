package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both routes of the float32 harmonics, the Vector API kernel and the plain-Java fallback, against the
 * double evaluation of the same float inputs, within {@link FloatHarmonics#relativeError} of each row's
 * largest magnitude: every lmax up to 12, normalized and raw (so rows grow as r^l), zero vectors, and
 * batches that end inside a vector group and inside a block; and calls on a range of rows, as parallel tasks
 * make them, leave every other row alone.
 */
class FloatHarmonicsTest {
    private static final int[] SIZES = {1, 15, 16, 17, 63, 64, 65, 130, 4096 + 64 + 5};

    private final Random random = new Random(23);

    @Test
    void theTestJvmResolvesTheVectorKernel() {
        // surefire runs with --add-modules jdk.incubator.vector, so the tests below cover the kernel.
        assertTrue(SphericalHarmonics.of(3, ShNormalization.COMPONENT, true).floats().vectorized());
    }

    @Test
    void vectorKernelAgreesWithDoubleEvaluation() {
        forEachCase((sh, v, out, n) -> sh.floats().compute(v, out, 0, n));
    }

    @Test
    void plainFallbackAgreesWithDoubleEvaluation() {
        forEachCase((sh, v, out, n) -> sh.floats().computePlain(v, out, 0, n));
    }

    @Test
    void vectorKernelWritesOnlyTheRowsOfItsRange() {
        // Ranges as SphericalHarmonics hands them to parallel tasks: other rows belong to other tasks.
        int n = 300;
        int[][] ranges = {{0, 64}, {64, 128}, {16, 32}, {17, 150}, {130, 131}, {128, 300}};
        for (int lmax : new int[] {0, 1, 3, 4, 5, 6, 7, 8}) {
            SphericalHarmonics sh = SphericalHarmonics.of(lmax, ShNormalization.COMPONENT, true);
            int dim = sh.dim();
            float[] v = new float[3 * n];
            for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
            double[] vDouble = new double[v.length];
            for (int i = 0; i < v.length; i++) vDouble[i] = v[i];
            double[] exact = new double[n * dim];
            sh.compute(vDouble, exact, n);
            for (int[] range : ranges) {
                float[] out = new float[n * dim];
                Arrays.fill(out, Float.NaN);
                sh.floats().compute(v, out, range[0], range[1]);
                String what = "lmax " + lmax + " rows [" + range[0] + ", " + range[1] + ")";
                int from = range[0] * dim;
                int to = range[1] * dim;
                assertRowsClose(Arrays.copyOfRange(exact, from, to), Arrays.copyOfRange(out, from, to), dim, what);
                for (int k = 0; k < out.length; k++) {
                    if (k < from || k >= to) assertTrue(Float.isNaN(out[k]), what + ": wrote outside, element " + k);
                }
            }
        }
    }

    /** One route's evaluation of n vectors into out. */
    private interface Route {
        void compute(SphericalHarmonics sh, float[] vectors, float[] out, int n);
    }

    private void forEachCase(Route route) {
        for (int lmax = 0; lmax <= 12; lmax++) {
            for (ShNormalization normalization : ShNormalization.values()) {
                for (boolean normalize : new boolean[] {false, true}) {
                    SphericalHarmonics sh = SphericalHarmonics.of(lmax, normalization, normalize);
                    for (int n : SIZES) {
                        if (n > 1000 && lmax % 3 != 0) continue;
                        float[] v = new float[3 * n];
                        for (int i = 0; i < v.length; i++) v[i] = (float) (2 * random.nextGaussian());
                        for (int s = 0; s < n; s += 7) v[3 * s] = v[3 * s + 1] = v[3 * s + 2] = 0;
                        double[] exact = new double[n * sh.dim()];
                        double[] vDouble = new double[v.length];
                        for (int i = 0; i < v.length; i++) vDouble[i] = v[i];
                        sh.compute(vDouble, exact, n);
                        float[] out = new float[n * sh.dim() + 1];
                        out[out.length - 1] = Float.NaN;
                        route.compute(sh, v, out, n);
                        String what = "lmax " + lmax + " " + normalization + " normalize=" + normalize + " n=" + n;
                        assertRowsClose(exact, out, sh.dim(), what);
                        assertTrue(Float.isNaN(out[out.length - 1]), what + ": wrote past the last row");
                    }
                }
            }
        }
    }

    /**
     * Float rows within {@link FloatHarmonics#relativeError} of the double ones, relative to each row's largest
     * magnitude (at least 1); rows of dim = (lmax + 1)² values.
     */
    static void assertRowsClose(double[] expected, float[] actual, int dim, String what) {
        double bound = FloatHarmonics.relativeError((int) Math.round(Math.sqrt(dim)) - 1);
        for (int row = 0; row * dim < expected.length; row++) {
            double scale = 1;
            for (int k = row * dim; k < (row + 1) * dim; k++) scale = Math.max(scale, Math.abs(expected[k]));
            for (int k = row * dim; k < (row + 1) * dim; k++) {
                assertEquals(expected[k], actual[k], bound * scale, what + " element " + k);
            }
        }
    }
}
