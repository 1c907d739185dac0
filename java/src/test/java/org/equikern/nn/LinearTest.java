package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.equikern.group.Irreps;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

class LinearTest {
    private static final double S3 = 1 / Math.sqrt(3);

    @Test
    void instructionsFollowE3nnsOrderWithPathAfterPathWeights() {
        Linear lin = Linear.of("2x0e+3x1o+5x0e", "1x0e+2x1o+4x0e");
        LinearLayout l = lin.layout();
        assertEquals(5, l.instructionCount());
        assertArrayEquals(new int[] {0, 0, 1, 2, 2}, l.inputBlock());
        assertArrayEquals(new int[] {0, 2, 1, 0, 2}, l.outputBlock());
        assertArrayEquals(new int[] {0, 0, 2, 11, 11}, l.inputOffset());
        assertArrayEquals(new int[] {0, 7, 1, 0, 7}, l.outputOffset());
        assertArrayEquals(new int[] {2, 2, 3, 5, 5}, l.mulIn());
        assertArrayEquals(new int[] {1, 4, 2, 1, 4}, l.mulOut());
        assertArrayEquals(new int[] {1, 1, 3, 1, 1}, l.irrepDim());
        assertArrayEquals(new int[] {0, 2, 10, 16, 21}, l.weightOffset());
        assertEquals(41, lin.weightNumel());
        assertEquals(41, l.weightNumel());
        double s7 = 1 / Math.sqrt(7);
        assertArrayEquals(new double[] {s7, s7, S3, s7, s7}, l.pathWeight(), 1e-16);
        assertArrayEquals(new double[] {s7, S3, s7}, l.outputScale(), 1e-16);
        assertArrayEquals(new int[] {0, 1, 7}, l.outputBlockOffset());
        assertArrayEquals(new int[] {1, 6, 4}, l.outputBlockDim());
        assertArrayEquals(new int[] {-1, -1, -1}, l.outputBiasOffset());
        assertEquals(0, lin.biasNumel());
    }

    @Test
    void forwardByHand() {
        // Two 1o input blocks feed one 1o output: out = (2·a + 3·b)/√2; the 2e output has no input.
        Linear lin = Linear.of("1x1o+1x0e+1x1o", "1x1o+1x2e");
        assertEquals(2, lin.weightNumel());
        double[] x = {1, 2, 3, 9, -1, 0, 5};
        double[] out = new double[8];
        lin.forward(x, new double[] {2, 3}, null, out, 1);
        double r = 1 / Math.sqrt(2);
        assertArrayEquals(new double[] {(2 - 3) * r, 4 * r, (6 + 15) * r, 0, 0, 0, 0, 0}, out, 1e-15);

        // [mul_in, mul_out] row-major: w[u, v] at u·mul_out + v.
        Linear mix = Linear.of("2x0e", "3x0e");
        double[] y = new double[3];
        mix.forward(new double[] {1, 10}, new double[] {1, 2, 3, 4, 5, 6}, null, y, 1);
        r = 1 / Math.sqrt(2);
        assertArrayEquals(new double[] {41 * r, 52 * r, 63 * r}, y, 1e-13);
    }

    @Test
    void biasesSitOnScalarOutputsUnscaled() {
        Linear lin = Linear.builder(Irreps.parse("1x0e+1x1o"), Irreps.parse("2x0e+1x1o+3x0e+1x0o")).biases(true)
                .build();
        assertEquals(5, lin.biasNumel());
        assertArrayEquals(new int[] {0, -1, 2, -1}, lin.layout().outputBiasOffset());
        double[] out = new double[2 + 3 + 3 + 1];
        // Weights: 0e->2x0e [1, 2], then 0e->3x0e [1, 3], then 1o->1o [1, 1]; every fan-in is 1.
        double[] w = {2, 3, 4, 5, 6, 7};
        assertEquals(6, lin.weightNumel());
        double[] bias = {10, 20, 30, 40, 50};
        lin.forward(new double[] {1, 1, 2, 3}, w, bias, out, 1);
        assertArrayEquals(new double[] {12, 23, 7, 14, 21, 34, 45, 56, 0}, out, 1e-13);

        // An unfed scalar output is exactly its bias.
        Linear onlyBias = Linear.builder(Irreps.parse("1x1o"), Irreps.parse("2x0e")).biases(true).build();
        assertEquals(0, onlyBias.weightNumel());
        double[] y = new double[4];
        onlyBias.forward(new double[] {1, 2, 3, 4, 5, 6}, new double[0], new double[] {-1.5, 2.5}, y, 2);
        assertArrayEquals(new double[] {-1.5, 2.5, -1.5, 2.5}, y);
    }

    @Test
    void emptyAndUnmatchedIrrepsGiveZeros() {
        Linear none = Linear.of("", "2x0e");
        double[] out = {7, 7, 7, 7};
        none.forward(new double[0], new double[0], null, out, 2);
        assertArrayEquals(new double[4], out);
        Linear zeroMul = Linear.of("0x0e+1x1o", "3x0e+0x1o");
        assertEquals(0, zeroMul.weightNumel());
        assertEquals(0, zeroMul.layout().instructionCount());
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Linear lin = Linear.builder(Irreps.parse("3x0e+2x1o+1x2e+2x0e"), Irreps.parse("2x0e+3x1o+2x2e+1x1e"))
                .biases(true).build();
        int batch = 3;
        double[] x = Arrays64.random(batch * lin.irrepsIn().dim(), 1);
        double[] w = Arrays64.random(lin.weightNumel(), 2);
        double[] b = Arrays64.random(lin.biasNumel(), 3);
        double[] gradOut = Arrays64.random(batch * lin.irrepsOut().dim(), 4);
        double[] out = new double[gradOut.length];
        DoubleSupplier loss = () -> {
            lin.forward(x, w, b, out, batch);
            return Arrays64.dot(out, gradOut);
        };
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        double[] gb = new double[b.length];
        Arrays.fill(gx, 99); // overwritten, not accumulated into
        Arrays.fill(gw, 99);
        Arrays.fill(gb, 99);
        lin.backward(x, w, gradOut, gx, gw, gb, batch);
        assertArrayEquals(FiniteDifferences.gradient(x, loss, 1e-3), gx, 1e-10);
        assertArrayEquals(FiniteDifferences.gradient(w, loss, 1e-3), gw, 1e-10);
        assertArrayEquals(FiniteDifferences.gradient(b, loss, 1e-3), gb, 1e-10);

        double[] onlyW = new double[w.length];
        lin.backward(x, w, gradOut, null, onlyW, null, batch);
        assertArrayEquals(gw, onlyW);
    }

    @Test
    void float32AgreesWithFloat64() {
        Linear lin = Linear.builder(Irreps.parse("4x0e+3x1o+2x2e"), Irreps.parse("5x0e+2x1o+3x2e")).biases(true)
                .build();
        int batch = 5;
        double[] x = Arrays64.random(batch * lin.irrepsIn().dim(), 5);
        double[] w = Arrays64.random(lin.weightNumel(), 6);
        double[] b = Arrays64.random(lin.biasNumel(), 7);
        double[] g = Arrays64.random(batch * lin.irrepsOut().dim(), 8);
        double[] out = new double[g.length];
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        double[] gb = new double[b.length];
        lin.forward(x, w, b, out, batch);
        lin.backward(x, w, g, gx, gw, gb, batch);
        float[] outF = new float[g.length];
        float[] gxF = new float[x.length];
        float[] gwF = new float[w.length];
        float[] gbF = new float[b.length];
        lin.forward(Arrays64.toFloat(x), Arrays64.toFloat(w), Arrays64.toFloat(b), outF, batch);
        lin.backward(Arrays64.toFloat(x), Arrays64.toFloat(w), Arrays64.toFloat(g), gxF, gwF, gbF, batch);
        assertTrue(Arrays64.maxRelDiff(Arrays64.toDouble(outF), out) < 1e-6);
        assertTrue(Arrays64.maxRelDiff(Arrays64.toDouble(gxF), gx) < 1e-6);
        assertTrue(Arrays64.maxRelDiff(Arrays64.toDouble(gwF), gw) < 1e-6);
        assertTrue(Arrays64.maxRelDiff(Arrays64.toDouble(gbF), gb) < 1e-6);
    }

    @Test
    void badArgumentsAreNamedBeforeAnyWork() {
        Linear lin = Linear.of("2x0e+1x1o", "1x0e+1x1o");
        double[] out = {42, 42, 42, 42, 42, 42, 42, 42};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(new double[9], new double[3], null, out, 2));
        assertEquals("Linear.forward: x has length 9, expected 10 = batch 2 * irrepsIn.dim 5", e.getMessage());
        assertEquals(42, out[0]);
        e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(new double[10], new double[4], null, out, 2));
        assertEquals("Linear.forward: w has length 4, expected 3 = weightNumel", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(new double[10], null, null, out, 2));
        assertEquals("Linear.forward: w must not be null (expected length 3 = weightNumel)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(new float[10], new float[3], new float[1], new float[8], 2));
        assertEquals("Linear.forward: bias has length 1, expected 0 = biasNumel (no biases)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(new float[10], new float[3], null, new float[7], 2));
        assertEquals("Linear.forward: out has length 7, expected 8 = batch 2 * irrepsOut.dim 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> lin.forward(new double[5], new double[3], null, new double[4], -1));
        assertEquals("Linear.forward: batch must be >= 0, got -1", e.getMessage());
        Linear square = Linear.of("1x0e", "1x0e");
        double[] same = {1};
        e = assertThrows(IllegalArgumentException.class, () -> square.forward(same, new double[1], null, same, 1));
        assertEquals("Linear.forward: output 'out' aliases input 'x'", e.getMessage());

        Linear biased = Linear.builder(Irreps.parse("1x0e"), Irreps.parse("2x0e")).biases(true).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> biased.forward(new double[1], new double[2], null, new double[2], 1));
        assertEquals("Linear.forward: bias must not be null (expected length 2 = biasNumel)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> biased.backward(new double[1], new double[2], new double[2], new double[1], new double[2],
                        new double[3], 1));
        assertEquals("Linear.backward: gradBias has length 3, expected 2 = biasNumel", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> biased.backward(new float[1], new float[2], new float[3], null, null, null, 1));
        assertEquals("Linear.backward: gradOut has length 3, expected 2 = batch 1 * irrepsOut.dim 2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> biased.backward(new float[1], new float[2], new float[2], new float[2], null, null, 1));
        assertEquals("Linear.backward: gradX has length 2, expected 1 = batch 1 * irrepsIn.dim 1", e.getMessage());
    }

    @Test
    void steadyStateCallsDoNotAllocate() {
        Linear lin = Linear.builder(Irreps.parse("4x0e+3x1o"), Irreps.parse("2x0e+2x1o")).biases(true).build();
        int batch = 4;
        float[] x = new float[batch * lin.irrepsIn().dim()];
        float[] w = new float[lin.weightNumel()];
        float[] b = new float[lin.biasNumel()];
        float[] out = new float[batch * lin.irrepsOut().dim()];
        float[] gx = new float[x.length];
        float[] gw = new float[w.length];
        float[] gb = new float[b.length];
        double[] xd = new double[x.length];
        double[] wd = new double[w.length];
        double[] bd = new double[b.length];
        double[] outd = new double[out.length];
        long allocated = Allocations.ofSteadyState(() -> {
            lin.forward(x, w, b, out, batch);
            lin.backward(x, w, out, gx, gw, gb, batch);
            lin.forward(xd, wd, bd, outd, batch);
        });
        assertTrue(allocated < 1024, allocated + " bytes allocated by 1000 rounds of calls");
    }
}
