package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.equikern.group.Irreps;
import org.equikern.group.Parity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The second-order steps of {@link GateNonlinearity} against central differences: the tangent is the
 * derivative of the forward along the input tangent, and the tangent of the backward is the derivative
 * of the backward along it, for even and odd scalars (SiLU, tanh) and even or odd gates (SiLU, tanh).
 */
class GateNonlinearityTest {
    private static final double H = 1e-6;
    private static final int ROWS = 3;

    @ParameterizedTest
    @EnumSource(Parity.class)
    void tangentsAreDirectionalDerivatives(Parity gateParity) {
        GateNonlinearity gate = new GateNonlinearity(Irreps.parse("2x0e+2x0o"), Irreps.parse("1x1o+1x2e+1x1e"),
                gateParity);
        int dim = gate.irrepsIn().dim();
        SplittableRandom random = new SplittableRandom(gateParity.ordinal());
        double[] x = random(random, ROWS * dim);
        double[] xDot = random(random, ROWS * dim);
        double[] gradOut = random(random, ROWS * gate.irrepsOut().dim());
        double[] gradOutDot = random(random, gradOut.length);

        GateNonlinearity.Step step = gate.forward(x, ROWS);
        step.backward(gradOut);
        double[] tangent = step.tangent(xDot);
        double[] tangentBackward = step.tangentBackward(gradOutDot);

        assertClose(along(x, xDot, y -> gate.forward(y, ROWS).output()), tangent, "tangent");
        // d/dt backward(x + t ẋ, g + t ġ) at t = 0
        double[] expected = along(x, xDot, y -> {
            GateNonlinearity.Step s = gate.forward(y, ROWS);
            return s.backward(gradOut);
        });
        Rows.addInto(expected, gate.forward(x, ROWS).backward(gradOutDot));
        assertClose(expected, tangentBackward, "tangentBackward");
    }

    private static double[] random(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble(-2, 2);
        }
        return out;
    }

    /** Central difference of f along direction d at x. */
    private static double[] along(double[] x, double[] d, UnaryOperator<double[]> f) {
        double[] plus = x.clone();
        double[] minus = x.clone();
        for (int i = 0; i < x.length; i++) {
            plus[i] += H * d[i];
            minus[i] -= H * d[i];
        }
        double[] fp = f.apply(plus);
        double[] fm = f.apply(minus);
        double[] out = new double[fp.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (fp[i] - fm[i]) / (2 * H);
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-8 * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
        }
    }
}
