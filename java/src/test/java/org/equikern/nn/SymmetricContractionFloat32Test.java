package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SymmetricContraction}'s float32 path ({@link SymmetricContractionFloat32}) against its
 * float64 path on the same float inputs: within {@link #F32} of each row's largest magnitude
 * (a sample's outputs or input gradients, an element's weight gradients). The layers have more
 * channels than {@link SymmetricContractionFloat32#GROUP} (a full and a partial group) and batches
 * that cross {@link SymmetricContractionFloat32#BLOCK}, so every split and every flush of the
 * float weight-gradient sums is exercised.
 */
class SymmetricContractionFloat32Test {
    /** Float32 rounding of sums of a few hundred monomials, relative to the row's largest value (at least 1). */
    private static final double F32 = 1e-5;

    @ParameterizedTest(name = "{0} -> {1}, correlation {2}, batch {3}")
    @CsvSource({"80x0e+80x1o+80x2e, 80x0e+80x1o, 3, 150", "70x0e+70x1o, 70x0e+70x1o+70x2e, 2, 65",
            "3x0e+3x1o+3x2e, 3x0e+3x1o, 3, 4", "130x1o+130x0e, 130x0e+130x1o, 1, 129"})
    void forwardAndBackwardMatchFloat64(String irrepsIn, String irrepsOut, int correlation, int batch) {
        SymmetricContraction sc = SymmetricContraction.of(irrepsIn, irrepsOut, correlation, 3);
        float[] x = Arrays64.toFloat(Arrays64.random(batch * sc.irrepsIn().dim(), 51));
        float[] w = Arrays64.toFloat(Arrays64.random(sc.weightNumel(), 52));
        float[] gradOut = Arrays64.toFloat(Arrays64.random(batch * sc.irrepsOut().dim(), 53));
        int[] elements = elements(batch);
        double[] out = new double[gradOut.length];
        double[] gradX = new double[x.length];
        double[] gradW = new double[w.length];
        sc.forward(Arrays64.toDouble(x), elements, Arrays64.toDouble(w), out, batch);
        sc.backward(Arrays64.toDouble(x), elements, Arrays64.toDouble(w), Arrays64.toDouble(gradOut), gradX, gradW,
                batch);
        float[] outF = new float[out.length];
        float[] gradXF = new float[x.length];
        float[] gradWF = new float[w.length];
        sc.forward(x, elements, w, outF, batch);
        sc.backward(x, elements, w, gradOut, gradXF, gradWF, batch);
        assertRowsClose(out, outF, sc.irrepsOut().dim(), "out");
        assertRowsClose(gradX, gradXF, sc.irrepsIn().dim(), "gradX");
        int elementWeights = sc.pathCount() * sc.mul();
        assertRowsClose(gradW, gradWF, elementWeights, "gradW");
        for (int q = 2 * elementWeights; q < gradWF.length; q++) {
            assertEquals(0f, gradWF[q], "element 2 is absent from the batch: its weight gradient " + q);
        }
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        SymmetricContraction sc = SymmetricContraction.of("130x0e+130x1o+130x2e", "130x0e+130x1o", 3, 3);
        int batch = 200;
        float[] x = Arrays64.toFloat(Arrays64.random(batch * sc.irrepsIn().dim(), 61));
        float[] w = Arrays64.toFloat(Arrays64.random(sc.weightNumel(), 62));
        float[] gradOut = Arrays64.toFloat(Arrays64.random(batch * sc.irrepsOut().dim(), 63));
        int[] elements = elements(batch);
        float[][] shared = run(sc, x, elements, w, gradOut, batch);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            float[][] alone = one.submit(() -> run(sc, x, elements, w, gradOut, batch)).get();
            for (int k = 0; k < shared.length; k++) assertArrayEquals(alone[k], shared[k]);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void nullGradientsAreSkipped() {
        SymmetricContraction sc = SymmetricContraction.of("70x0e+70x1o", "70x0e+70x1o", 2, 3);
        int batch = 70;
        float[] x = Arrays64.toFloat(Arrays64.random(batch * sc.irrepsIn().dim(), 71));
        float[] w = Arrays64.toFloat(Arrays64.random(sc.weightNumel(), 72));
        float[] gradOut = Arrays64.toFloat(Arrays64.random(batch * sc.irrepsOut().dim(), 73));
        int[] elements = elements(batch);
        float[][] both = run(sc, x, elements, w, gradOut, batch);
        float[] gradX = new float[x.length];
        float[] gradW = new float[w.length];
        sc.backward(x, elements, w, gradOut, gradX, null, batch);
        sc.backward(x, elements, w, gradOut, null, gradW, batch);
        assertArrayEquals(both[1], gradX);
        assertArrayEquals(both[2], gradW);
    }

    /** Forward, input gradient and weight gradient of one call each. */
    private static float[][] run(SymmetricContraction sc, float[] x, int[] elements, float[] w, float[] gradOut,
                                 int batch) {
        float[] out = new float[gradOut.length];
        float[] gradX = new float[x.length];
        float[] gradW = new float[w.length];
        sc.forward(x, elements, w, out, batch);
        sc.backward(x, elements, w, gradOut, gradX, gradW, batch);
        return new float[][] {out, gradX, gradW};
    }

    /** Elements 0 and 1 in a fixed irregular order; element 2 never occurs. */
    private static int[] elements(int batch) {
        int[] elements = new int[batch];
        for (int b = 0; b < batch; b++) elements[b] = (b * 7 / 3) % 2;
        return elements;
    }

    private static void assertRowsClose(double[] expected, float[] actual, int width, String what) {
        for (int row = 0; row * width < expected.length; row++) {
            double scale = 1;
            for (int k = row * width; k < (row + 1) * width; k++) scale = Math.max(scale, Math.abs(expected[k]));
            for (int k = row * width; k < (row + 1) * width; k++) {
                double error = Math.abs(expected[k] - actual[k]);
                assertTrue(error <= F32 * scale, what + "[" + k + "]: expected " + expected[k] + ", got " + actual[k]
                        + ", error " + error + " > " + F32 * scale);
            }
        }
    }
}
