package org.equikern.nn;

import static org.equikern.nn.Activation.ABS;
import static org.equikern.nn.Activation.IDENTITY;
import static org.equikern.nn.Activation.RELU;
import static org.equikern.nn.Activation.SIGMOID;
import static org.equikern.nn.Activation.SILU;
import static org.equikern.nn.Activation.TANH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.equikern.group.Irreps;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

class GateTest {
    @Test
    void inputIsSortedLikeE3nnAndGatesFollowGatedOrder() {
        // e3nn's docstring example: Gate("16x0o", [tanh], "32x0o", [tanh], "16x1e+16x1o").
        Gate gate = Gate.of("16x0o", List.of(TANH), "32x0o", List.of(TANH), "16x1e+16x1o");
        assertEquals(Irreps.parse("48x0o+16x1o+16x1e"), gate.irrepsIn());
        assertEquals(Irreps.parse("16x0o+16x1o+16x1e"), gate.irrepsOut());
        GateLayout l = gate.layout();
        assertEquals(16, l.scalarCount());
        assertEquals(32, l.gateCount());
        // The first 16 gates gate the 1e copies, which the sort put after the 1o copies.
        assertEquals(48 + 48, l.gatedInput()[0]);
        assertEquals(48, l.gatedInput()[16]);
        assertEquals(16, l.gatedOutput()[0]);
        assertEquals(16 + 48, l.gatedOutput()[16]);
        assertEquals(16, l.gateInput()[0]);

        double[] x = Arrays64.random(gate.irrepsIn().dim(), 11);
        double[] out = new double[gate.irrepsOut().dim()];
        gate.forward(x, out, 1);
        double c = TANH.secondMomentConstant();
        assertEquals(c * Math.tanh(x[5]), out[5], 1e-15);
        // Gated copy 0 (first 1e) times gate 0 (input 16); copy 16 (first 1o) times gate 16 (input 32).
        assertEquals(c * Math.tanh(x[16]) * x[96 + 2], out[16 + 2], 1e-15);
        assertEquals(c * Math.tanh(x[32]) * x[48 + 1], out[64 + 1], 1e-15);
    }

    @Test
    void layoutTablesForInterleavedGroups() {
        Gate gate = Gate.of("2x0e+3x0o", List.of(SILU, TANH), "1x0o+1x0e", List.of(ABS, SIGMOID), "1x1o+1x1e");
        // Sorted blocks: 3x0o (scalars), 1x0o (gates), 2x0e (scalars), 1x0e (gates), 1x1o, 1x1e.
        assertEquals(Irreps.parse("4x0o+3x0e+1x1o+1x1e"), gate.irrepsIn());
        // abs makes the odd gate even, so neither gated copy changes parity.
        assertEquals(Irreps.parse("2x0e+3x0o+1x1o+1x1e"), gate.irrepsOut());
        GateLayout l = gate.layout();
        assertArrayEquals(new int[] {4, 5, 0, 1, 2}, l.scalarInput());
        assertArrayEquals(new int[] {SILU.ordinal(), SILU.ordinal(), TANH.ordinal(), TANH.ordinal(), TANH.ordinal()},
                l.scalarActivation());
        assertArrayEquals(new int[] {3, 6}, l.gateInput());
        assertArrayEquals(new int[] {ABS.ordinal(), SIGMOID.ordinal()}, l.gateActivation());
        assertArrayEquals(new double[] {1.0, SIGMOID.secondMomentConstant()}, l.gateConstant());
        assertEquals(TANH.secondMomentConstant(), l.scalarConstant()[4]);
        assertArrayEquals(new int[] {7, 10}, l.gatedInput());
        assertArrayEquals(new int[] {5, 8}, l.gatedOutput());
        assertArrayEquals(new int[] {3, 3}, l.gatedDim());
    }

    @Test
    void gatedOutputIrrepsSplitLikeE3nnsElementwiseProduct() {
        assertEquals(Irreps.parse("2x1e+2x1o"),
                Gate.of("", List.of(), "2x0o+2x0e", List.of(TANH, SIGMOID), "4x1o").irrepsOut());
        assertEquals(Irreps.parse("4x1o"),
                Gate.of("", List.of(), "2x0e+2x0e", List.of(SIGMOID, TANH), "4x1o").irrepsOut());
        assertEquals(Irreps.parse("1x1e+1x2o+2x2e"),
                Gate.of("", List.of(), "2x0o+2x0o", List.of(TANH, ABS), "1x1o+3x2e").irrepsOut());
        assertEquals(Irreps.parse("2x0e+0x0e"),
                Gate.of("2x0e+0x0e", List.of(RELU, SILU), "", List.of(), "").irrepsOut());
    }

    @Test
    void forwardByHand() {
        Gate gate = Gate.of("1x0e", List.of(RELU), "1x0e", List.of(IDENTITY), "1x2e");
        double[] x = {-1, 2, 1, 2, 3, 4, 5, 3, 0.5, 1, 1, 1, 1, 1};
        double[] out = new double[12];
        gate.forward(x, out, 2);
        double r = Math.sqrt(2);
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 3 * r, 0.5, 0.5, 0.5, 0.5, 0.5}, out, 1e-15);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Gate gate = Gate.of("2x0e+3x0o+1x0e", List.of(SILU, TANH, RELU), "2x0e+1x0o+2x0e",
                List.of(SIGMOID, ABS, TANH), "2x1o+1x2e+1x0e+1x3o");
        int batch = 3;
        double[] x = Arrays64.random(batch * gate.irrepsIn().dim(), 21);
        double[] gradOut = Arrays64.random(batch * gate.irrepsOut().dim(), 22);
        double[] out = new double[gradOut.length];
        DoubleSupplier loss = () -> {
            gate.forward(x, out, batch);
            return Arrays64.dot(out, gradOut);
        };
        double[] gx = new double[x.length];
        Arrays.fill(gx, 99);
        gate.backward(x, gradOut, gx, batch);
        assertArrayEquals(FiniteDifferences.gradient(x, loss, 1e-6), gx, 1e-8);
    }

    @Test
    void float32AgreesWithFloat64() {
        Gate gate = Gate.of("3x0e+2x0o", List.of(SILU, TANH), "3x0e", List.of(SIGMOID), "1x1o+2x2e");
        int batch = 4;
        double[] x = Arrays64.random(batch * gate.irrepsIn().dim(), 31);
        double[] g = Arrays64.random(batch * gate.irrepsOut().dim(), 32);
        double[] out = new double[g.length];
        double[] gx = new double[x.length];
        gate.forward(x, out, batch);
        gate.backward(x, g, gx, batch);
        float[] outF = new float[g.length];
        float[] gxF = new float[x.length];
        gate.forward(Arrays64.toFloat(x), outF, batch);
        gate.backward(Arrays64.toFloat(x), Arrays64.toFloat(g), gxF, batch);
        assertTrue(Arrays64.maxRelDiff(Arrays64.toDouble(outF), out) < 1e-6);
        assertTrue(Arrays64.maxRelDiff(Arrays64.toDouble(gxF), gx) < 1e-6);
    }

    @Test
    void e3nnsConditionsAreEnforcedWithReasons() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gate.of("2x0e", List.of(SILU), "3x0e", List.of(SIGMOID), "2x1o"));
        assertEquals("Gate: there are 2 irreps in irreps_gated (2x1o) but a different number (3) of gate scalars "
                + "in irreps_gates (3x0e)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gate.of("2x0e", List.of(SILU), "1x1o", List.of(SIGMOID), "1x1o"));
        assertEquals("Gate: gate scalars must be scalars (l = 0), got irreps_gates = 1x1o", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gate.of("2x0e+1x1e", List.of(SILU, SILU), "1x0e", List.of(SIGMOID), "1x1o"));
        assertEquals("Gate: scalars must be scalars (l = 0), got irreps_scalars = 2x0e+1x1e", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gate.of("2x0e+1x0e", List.of(SILU), "1x0e", List.of(SIGMOID), "1x1o"));
        assertEquals("Gate: act_scalars needs one activation per block of irreps_scalars 2x0e+1x0e (2), got 1",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gate.of("2x0o", List.of(SILU), "1x0e", List.of(SIGMOID), "1x1o"));
        assertTrue(e.getMessage().startsWith("Gate: irreps_scalars block 0 (2x0o): activation 'silu' is neither even "
                + "nor odd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Gate.of("2x0e", List.of(SILU), "1x0e+1x0o", List.of(SIGMOID, RELU), "2x1o"));
        assertTrue(e.getMessage().startsWith("Gate: irreps_gates block 1 (1x0o): activation 'relu'"), e.getMessage());
    }

    @Test
    void badLengthsAreNamedBeforeAnyWork() {
        Gate gate = Gate.of("1x0e", List.of(RELU), "1x0e", List.of(SIGMOID), "1x1o");
        float[] out = new float[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gate.forward(new float[9], out, 2));
        assertEquals("Gate.forward: x has length 9, expected 10 = batch 2 * irrepsIn.dim 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gate.forward(new double[5], new double[5], 1));
        assertEquals("Gate.forward: out has length 5, expected 4 = batch 1 * irrepsOut.dim 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> gate.backward(new double[5], new double[4], null, 1));
        assertEquals("Gate.backward: gradX must not be null (expected length 5 = batch 1 * irrepsIn.dim 5)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> gate.backward(new double[5], new double[3], new double[5], 1));
        assertEquals("Gate.backward: gradOut has length 3, expected 4 = batch 1 * irrepsOut.dim 4", e.getMessage());
        double[] same = new double[5];
        e = assertThrows(IllegalArgumentException.class, () -> gate.backward(same, new double[4], same, 1));
        assertEquals("Gate.backward: output 'gradX' aliases input 'x'", e.getMessage());
    }

    @Test
    void steadyStateCallsDoNotAllocate() {
        Gate gate = Gate.of("3x0e+2x0o", List.of(SILU, TANH), "3x0e", List.of(SIGMOID), "1x1o+2x2e");
        int batch = 4;
        float[] x = new float[batch * gate.irrepsIn().dim()];
        float[] out = new float[batch * gate.irrepsOut().dim()];
        float[] gx = new float[x.length];
        double[] xd = new double[x.length];
        double[] outd = new double[out.length];
        double[] gxd = new double[x.length];
        long allocated = Allocations.ofSteadyState(() -> {
            gate.forward(x, out, batch);
            gate.backward(x, out, gx, batch);
            gate.forward(xd, outd, batch);
            gate.backward(xd, outd, gxd, batch);
        });
        assertTrue(allocated < 1024, allocated + " bytes allocated by 1000 rounds of calls");
    }
}
