package org.equikern.nn;

import static org.equikern.nn.Activation.ABS;
import static org.equikern.nn.Activation.IDENTITY;
import static org.equikern.nn.Activation.SIGMOID;
import static org.equikern.nn.Activation.SILU;
import static org.equikern.nn.Activation.TANH;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.equikern.group.Irreps;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.junit.jupiter.api.Test;

/** f(g·x) = g·f(x) for random rotations, with and without inversion, in float64. */
class EquivarianceTest {
    private static final double TOLERANCE = 1e-11;

    @Test
    void linearCommutesWithRotationsAndInversion() {
        Linear lin = Linear.builder(Irreps.parse("3x0e+2x1o+1x0o+2x2e+1x1e+1x1o+1x3o"),
                Irreps.parse("2x0e+3x1o+2x2e+1x0o+2x1e+1x3o")).biases(true).build();
        int batch = 4;
        double[] x = Arrays64.random(batch * lin.irrepsIn().dim(), 41);
        double[] w = Arrays64.random(lin.weightNumel(), 42);
        double[] b = Arrays64.random(lin.biasNumel(), 43);
        double[] out = new double[batch * lin.irrepsOut().dim()];
        double[] outOfRotated = new double[out.length];
        lin.forward(x, w, b, out, batch);
        Random random = new Random(44);
        for (int trial = 0; trial < 6; trial++) {
            Rotation r = Rotation.random(random);
            boolean inversion = trial % 2 == 1;
            lin.forward(Representation.apply(lin.irrepsIn(), r, inversion, x, batch), w, b, outOfRotated, batch);
            double[] rotatedOut = Representation.apply(lin.irrepsOut(), r, inversion, out, batch);
            double err = Arrays64.maxRelDiff(outOfRotated, rotatedOut);
            assertTrue(err < TOLERANCE, "trial " + trial + ": " + err);
        }
    }

    @Test
    void gateCommutesWithRotationsAndInversion() {
        // Odd scalars through odd (tanh, identity) and even (abs) functions, odd gates flipping parities.
        Gate gate = Gate.of(Irreps.parse("2x0e+2x0o+1x0o"),
                NormalizedActivation.listOf(SILU, TANH, ABS),
                Irreps.parse("2x0e+1x0o+2x0o"),
                NormalizedActivation.listOf(SIGMOID, TANH, IDENTITY),
                Irreps.parse("1x1o+2x2e+1x1e+1x3o"));
        int batch = 5;
        double[] x = Arrays64.random(batch * gate.irrepsIn().dim(), 51);
        double[] out = new double[batch * gate.irrepsOut().dim()];
        double[] outOfRotated = new double[out.length];
        gate.forward(x, out, batch);
        Random random = new Random(52);
        for (int trial = 0; trial < 6; trial++) {
            Rotation r = Rotation.random(random);
            boolean inversion = trial % 2 == 1;
            gate.forward(Representation.apply(gate.irrepsIn(), r, inversion, x, batch), outOfRotated, batch);
            double[] rotatedOut = Representation.apply(gate.irrepsOut(), r, inversion, out, batch);
            double err = Arrays64.maxRelDiff(outOfRotated, rotatedOut);
            assertTrue(err < TOLERANCE, "trial " + trial + ": " + err);
        }
    }

    @Test
    void backwardsAreEquivariantToo() {
        // The gradient with respect to the input transforms like the input.
        Gate gate = Gate.of("2x0e+1x0o", List.of(SILU, TANH), "1x0e+1x0o", List.of(SIGMOID, TANH), "1x1o+1x2e");
        Linear lin = Linear.of("2x0e+1x1o+1x0o+1x2e", "1x0e+2x1o+1x0o+1x2e");
        double[] w = Arrays64.random(lin.weightNumel(), 61);
        double[] x = Arrays64.random(lin.irrepsIn().dim(), 62);
        double[] gy = Arrays64.random(lin.irrepsOut().dim(), 63);
        double[] gx = new double[x.length];
        double[] gxRot = new double[x.length];
        double[] xg = Arrays64.random(gate.irrepsIn().dim(), 64);
        double[] gyg = Arrays64.random(gate.irrepsOut().dim(), 65);
        double[] gxg = new double[xg.length];
        double[] gxgRot = new double[xg.length];
        lin.backward(x, w, gy, gx, null, null, 1);
        gate.backward(xg, gyg, gxg, 1);
        Random random = new Random(66);
        for (int trial = 0; trial < 4; trial++) {
            Rotation r = Rotation.random(random);
            boolean inv = trial % 2 == 1;
            lin.backward(Representation.apply(lin.irrepsIn(), r, inv, x, 1), w,
                    Representation.apply(lin.irrepsOut(), r, inv, gy, 1), gxRot, null, null, 1);
            assertTrue(Arrays64.maxRelDiff(gxRot, Representation.apply(lin.irrepsIn(), r, inv, gx, 1)) < TOLERANCE);
            gate.backward(Representation.apply(gate.irrepsIn(), r, inv, xg, 1),
                    Representation.apply(gate.irrepsOut(), r, inv, gyg, 1), gxgRot, 1);
            assertTrue(Arrays64.maxRelDiff(gxgRot, Representation.apply(gate.irrepsIn(), r, inv, gxg, 1))
                    < TOLERANCE);
        }
    }
}
