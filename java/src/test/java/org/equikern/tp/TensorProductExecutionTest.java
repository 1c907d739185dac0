package org.equikern.tp;

import org.equikern.group.Irreps;
import org.equikern.runtime.TensorProduct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shape and aliasing errors, precision agreement, batching, determinism and unwritten outputs. */
class TensorProductExecutionTest {
    private static final TensorProductSpec FC = TensorProductSpec.fullyConnected(
            Irreps.parse("4x0e+3x1o+2x2e"), Irreps.parse("2x0e+1x1o+1x2e"), Irreps.parse("3x0e+2x1o+2x2e+1x1e"));

    private static String error(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void shapeErrorsNameTheArray() {
        TensorProduct tp = new TensorProduct(FC);
        int batch = 5;
        double[] x1 = new double[batch * 23];
        double[] x2 = new double[batch * 10];
        double[] w = new double[100];
        double[] out = new double[batch * 22];
        assertEquals(23, tp.plan().dim1());
        assertEquals(100, tp.weightNumel());
        assertEquals("x1 has 114 values, expected batch 5 × dim1 23 = 115",
                error(() -> tp.forward(new double[114], x2, w, out, batch)));
        assertEquals("x2 has 9 values, expected batch 5 × dim2 10 = 50",
                error(() -> tp.forward(x1, new double[9], w, out, batch)));
        assertEquals("weights has 99 values, expected weight_numel 100 (shared weights)",
                error(() -> tp.forward(x1, x2, new double[99], out, batch)));
        assertEquals("weights is null, expected weight_numel 100 (shared weights) values",
                error(() -> tp.forward(x1, x2, null, out, batch)));
        assertEquals("out has 22 values, expected batch 5 × dim_out 22 = 110",
                error(() -> tp.forward(x1, x2, w, new double[22], batch)));
        assertEquals("batch must be >= 0, got -1", error(() -> tp.forward(x1, x2, w, out, -1)));
        assertEquals("tensor product forward: output 'out' aliases input 'x1'",
                error(() -> new TensorProduct(TensorProductSpec.builder("1x0e", "1x0e", "1x0e")
                        .instruction(0, 0, 0, "uuu", false).build()).forward(x1, x1, null, x1, 115)));
        assertEquals("gradOut has 0 values, expected batch 5 × dim_out 22 = 110",
                error(() -> tp.backward(x1, x2, w, new double[0], null, null, null, batch)));
        assertEquals("gradX2 has 49 values, expected batch 5 × dim2 10 = 50",
                error(() -> tp.backward(x1, x2, w, out, null, new double[49], null, batch)));
        assertEquals("gradWeights has 1 values, expected weight_numel 100 (shared weights)",
                error(() -> tp.backward(x1, x2, w, out, null, null, new double[1], batch)));
        assertEquals("tensor product backward: output 'gradX1' aliases input 'x1'",
                error(() -> tp.backward(x1, x2, w, out, x1, null, null, batch)));
        TensorProduct square = new TensorProduct(TensorProductSpec.tensorSquare(Irreps.parse("2x1o")));
        double[] v = new double[6];
        double[] gv = new double[6];
        assertEquals("gradX2 is the same array as gradX1; each output needs its own array",
                error(() -> square.backward(v, v, null, new double[square.plan().dimOut()], gv, gv, null, 1)));
        TensorProduct perSample = new TensorProduct(FC.toBuilder().sharedWeights(false).build());
        assertEquals("weights has 100 values, expected batch 5 × weight_numel 100 = 500",
                error(() -> perSample.forward(x1, x2, w, out, batch)));
        float[] f = new float[3];
        assertEquals("x1 has 3 values, expected batch 5 × dim1 23 = 115",
                error(() -> tp.forward(f, new float[50], new float[100], new float[110], batch)));
    }

    @Test
    void float32AgreesWithFloat64() {
        Random random = new Random(11);
        for (TensorProductSpec base : ModeSpecs.all()) {
            for (boolean shared : new boolean[] {true, false}) {
                TensorProductSpec spec = base.toBuilder().sharedWeights(shared).build();
                TensorProduct tp = new TensorProduct(spec);
                int batch = 7;
                double[] x1 = ModeSpecs.random(random, batch * tp.plan().dim1());
                double[] x2 = ModeSpecs.random(random, batch * tp.plan().dim2());
                double[] w = ModeSpecs.weights(random, spec, batch);
                double[] go = ModeSpecs.random(random, batch * tp.plan().dimOut());
                // Round inputs to float first so both precisions see the same numbers.
                float[] f1 = toFloat(x1), f2 = toFloat(x2), fw = w == null ? null : toFloat(w), fgo = toFloat(go);
                double[] d1 = toDouble(f1), d2 = toDouble(f2), dw = fw == null ? null : toDouble(fw), dgo = toDouble(fgo);
                String name = spec.instructions().get(0).mode() + " shared=" + shared + " weights=" + spec.weightNumel();
                assertClose(name + " out", tp.forward(d1, d2, dw, batch), tp.forward(f1, f2, fw, batch));
                Gradients<double[]> g64 = tp.backward(d1, d2, dw, dgo, batch);
                Gradients<float[]> g32 = tp.backward(f1, f2, fw, fgo, batch);
                assertClose(name + " grad x1", g64.x1(), g32.x1());
                assertClose(name + " grad x2", g64.x2(), g32.x2());
                assertClose(name + " grad w", g64.weights(), g32.weights());
            }
        }
    }

    @Test
    void largeBatchesAreChunkedDeterministicallyAndMatchSampleBySample() {
        Random random = new Random(5);
        TensorProduct tp = new TensorProduct(FC);
        int batch = 3000;
        double[] x1 = ModeSpecs.random(random, batch * 23);
        double[] x2 = ModeSpecs.random(random, batch * 10);
        double[] w = ModeSpecs.random(random, 100);
        double[] go = ModeSpecs.random(random, batch * 22);
        double[] out = tp.forward(x1, x2, w, batch);
        Gradients<double[]> g = tp.backward(x1, x2, w, go, batch);
        double[] sumW = new double[100];
        for (int n = 0; n < batch; n += 1) {
            double[] s1 = Arrays.copyOfRange(x1, n * 23, (n + 1) * 23);
            double[] s2 = Arrays.copyOfRange(x2, n * 10, (n + 1) * 10);
            double[] sg = Arrays.copyOfRange(go, n * 22, (n + 1) * 22);
            assertArrayEquals(tp.forward(s1, s2, w, 1), Arrays.copyOfRange(out, n * 22, (n + 1) * 22));
            Gradients<double[]> one = tp.backward(s1, s2, w, sg, 1);
            assertArrayEquals(one.x1(), Arrays.copyOfRange(g.x1(), n * 23, (n + 1) * 23));
            assertArrayEquals(one.x2(), Arrays.copyOfRange(g.x2(), n * 10, (n + 1) * 10));
            for (int q = 0; q < 100; q++) sumW[q] += one.weights()[q];
        }
        assertArrayEquals(sumW, g.weights(), 1e-10);
        for (int repeat = 0; repeat < 3; repeat++) {
            assertArrayEquals(g.weights(), tp.backward(x1, x2, w, go, batch).weights(), "bitwise repeatable");
        }
    }

    @Test
    void emptyBatchAndUnwrittenOutputBlocks() {
        // Block 1 (2x1e) of the output is written by no instruction: it must come back zero.
        TensorProductSpec spec = TensorProductSpec.builder("2x1o", "1x1o", "2x0e+2x1e")
                .instruction(0, 0, 0, "uvu", true).build();
        TensorProduct tp = new TensorProduct(spec);
        double[] out = new double[2 * 8];
        Arrays.fill(out, 7.0);
        tp.forward(new double[] {1, 2, 3, 4, 5, 6, 1, 1, 1, 2, 2, 2}, new double[] {1, 0, 0, 0, 1, 0},
                new double[] {1, 1}, out, 2);
        for (int n = 0; n < 2; n++) {
            for (int i = 2; i < 8; i++) assertEquals(0.0, out[n * 8 + i]);
        }
        // 0e output: w · (x1_u · x2) / sqrt(3), coefficient 1 (component, one product per output).
        assertEquals(1 / Math.sqrt(3), out[0], 1e-15);
        assertEquals(4 / Math.sqrt(3), out[1], 1e-15);
        assertEquals(1 / Math.sqrt(3), out[8], 1e-15);
        assertEquals(2 / Math.sqrt(3), out[8 + 1], 1e-15);
        double[] gw = {5, 5};
        tp.backward(new double[0], new double[0], new double[] {1, 1}, new double[0], new double[0], new double[0], gw, 0);
        assertArrayEquals(new double[] {0, 0}, gw);
        assertEquals(0, tp.forward(new double[0], new double[0], new double[] {1, 1}, 0).length);
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, what + " entry " + i);
        }
        assertTrue(expected.length == 0 || scale > 0, what + " all zero");
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
