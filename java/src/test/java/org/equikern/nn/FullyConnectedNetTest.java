package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FullyConnectedNetTest {
    private static final int BATCH = 3;
    private static final double H = 1e-5;

    static Stream<FullyConnectedNet> nets() {
        return Stream.of(
                FullyConnectedNet.of(new int[] {3, 5, 4, 2}, Activation.SILU),
                FullyConnectedNet.of(new int[] {2, 6, 1}, Activation.TANH),
                FullyConnectedNet.of(new int[] {4, 3, 3}, NormalizedActivation.of(Activation.SIGMOID), 2, 3, true),
                FullyConnectedNet.of(new int[] {3, 4, 2}, null, 3, 2, false));
    }

    /** The backward's results agree with central differences of {@code L = <gradOut, out>}. */
    @ParameterizedTest
    @MethodSource("nets")
    void backwardMatchesCentralDifferences(FullyConnectedNet net) {
        double[][] at = randomArguments(net, 1);
        FullyConnectedNet.Gradients g = net.backward(net.forward(at[0], at[1], BATCH), at[2]);
        Function<double[][], Double> loss = a -> Arrays64.dot(a[2], net.forward(a[0], a[1], BATCH).output());
        assertClose(centralDifferences(loss, at, 0), g.gradX(), net + " gradX");
        assertClose(centralDifferences(loss, at, 1), g.gradWeights(), net + " gradWeights");
        assertClose(centralDifferences(loss, at, 0), net.inputGradient(net.forward(at[0], at[1], BATCH), at[2]),
                net + " inputGradient");
        assertClose(centralDifferences(loss, at, 0), net.reverse(net.forward(at[0], at[1], BATCH), at[2]).gradX(),
                net + " reverse");
    }

    /**
     * The double backward agrees with central differences of {@code Q = <vX, gradX> + <vW, gradWeights>}, whether
     * it runs the reverse pass itself or reuses one.
     */
    @ParameterizedTest
    @MethodSource("nets")
    void doubleBackwardMatchesCentralDifferencesOfTheBackward(FullyConnectedNet net) {
        double[][] at = randomArguments(net, 4);
        double[] x = at[0];
        double[] vX = Arrays64.random(BATCH * net.inputDim(), 7);
        double[] vW = Arrays64.random(net.weightCount(), 8);
        for (double[] tangentW : new double[][] {vW, null}) {
            FullyConnectedNet.Forward f = net.forward(x, at[1], BATCH);
            checkDoubleBackward(net, at, vX, tangentW, net.doubleBackward(f, at[2], vX, tangentW));
            checkDoubleBackward(net, at, vX, tangentW, net.doubleBackward(net.reverse(f, at[2]), vX, tangentW));
        }
    }

    private static void checkDoubleBackward(FullyConnectedNet net, double[][] at, double[] vX, double[] tangentW,
            FullyConnectedNet.DoubleBackwardGradients d) {
        double[] x = at[0];
        Function<double[][], Double> q = a -> {
            FullyConnectedNet.Gradients g = net.backward(net.forward(a[0], a[1], BATCH), a[2]);
            return Arrays64.dot(vX, g.gradX()) + (tangentW == null ? 0 : Arrays64.dot(tangentW, g.gradWeights()));
        };
        String what = net + (tangentW == null ? " (vWeights null)" : "");
        if (net.activation() == null && tangentW == null) {
            // A linear net's gradX does not depend on x: the Hessian in x vanishes.
            assertArrayEquals(new double[x.length], d.gradX(), what);
        } else {
            assertClose(centralDifferences(q, at, 0), d.gradX(), what + " gradX");
        }
        assertClose(centralDifferences(q, at, 1), d.gradWeights(), what + " gradWeights");
        assertClose(centralDifferences(q, at, 2), d.gradGradOut(), what + " gradGradOut");
    }

    @Test
    void aNullTangentOnTheInputsCountsAsZero() {
        FullyConnectedNet net = FullyConnectedNet.of(new int[] {2, 3, 2}, Activation.SILU);
        double[] x = Arrays64.random(BATCH * 2, 9);
        double[] w = Arrays64.random(net.weightCount(), 10);
        double[] gradOut = Arrays64.random(BATCH * 2, 11);
        double[] vW = Arrays64.random(net.weightCount(), 12);
        FullyConnectedNet.Forward f = net.forward(x, w, BATCH);
        FullyConnectedNet.DoubleBackwardGradients withNull = net.doubleBackward(f, gradOut, null, vW);
        FullyConnectedNet.DoubleBackwardGradients withZeros = net.doubleBackward(f, gradOut, new double[BATCH * 2],
                vW);
        assertArrayEquals(withZeros.gradX(), withNull.gradX());
        assertArrayEquals(withZeros.gradWeights(), withNull.gradWeights());
        assertArrayEquals(withZeros.gradGradOut(), withNull.gradGradOut());
    }

    @Test
    void smallNetsByHand() {
        // hs [2, 1], no activation, variances 3 -> 2: y = (x0 w0 + x1 w1) / sqrt(2 · 3 / 2).
        FullyConnectedNet linear = FullyConnectedNet.of(new int[] {2, 1}, null, 3, 2, false);
        double[] y = linear.forward(new double[] {1.5, -2}, new double[] {0.5, 4}, 1).output();
        assertEquals((0.75 - 8) / Math.sqrt(3), y[0], 1e-15);
        // hs [1, 1, 1], tanh: y = w1 · c·tanh(x w0) with c = E[tanh(z)²]^{-1/2}.
        FullyConnectedNet tanh = FullyConnectedNet.of(new int[] {1, 1, 1}, Activation.TANH);
        double c = Activation.TANH.secondMomentConstant();
        double[] out = tanh.forward(new double[] {0.7, -1.1}, new double[] {1.3, -0.4}, 2).output();
        assertArrayEquals(new double[] {-0.4 * c * Math.tanh(0.91), -0.4 * c * Math.tanh(-1.43)}, out, 1e-15);
        // Its backward: dy/dx = w1 · c · (1 - tanh²(x w0)) · w0.
        double[] gradX = tanh.backward(tanh.forward(new double[] {0.7}, new double[] {1.3, -0.4}, 1),
                new double[] {1}).gradX();
        double t = Math.tanh(0.91);
        assertEquals(-0.4 * c * (1 - t * t) * 1.3, gradX[0], 1e-15);
    }

    @Test
    void layoutFollowsE3nn() {
        FullyConnectedNet net = FullyConnectedNet.of(new int[] {8, 16, 16, 4}, Activation.SILU);
        assertEquals(8 * 16 + 16 * 16 + 16 * 4, net.weightCount());
        assertEquals(0, net.weightOffset(0));
        assertEquals(128, net.weightOffset(1));
        assertEquals(384, net.weightOffset(2));
        assertEquals(3, net.layerCount());
        assertEquals(8, net.inputDim());
        assertEquals(4, net.outputDim());
        assertThrows(IndexOutOfBoundsException.class, () -> net.weightOffset(3));
        assertEquals("FullyConnectedNet[8, 16, 16, 4](silu*" + Activation.SILU.secondMomentConstant() + ")",
                net.toString());
    }

    @Test
    void initialWeightsAreStandardNormalAndFixedBySeed() {
        FullyConnectedNet net = FullyConnectedNet.of(new int[] {100, 200, 50}, Activation.SILU);
        double[] w = net.initialWeights(new SplittableRandom(42));
        assertArrayEquals(w, net.initialWeights(new SplittableRandom(42)));
        assertNotEquals(w[0], net.initialWeights(new SplittableRandom(43))[0]);
        double mean = 0;
        double square = 0;
        for (double v : w) {
            mean += v / w.length;
            square += v * v / w.length;
        }
        // 30000 samples: standard errors 0.006 (mean) and 0.008 (second moment).
        assertEquals(0, mean, 0.03);
        assertEquals(1, square, 0.04);
    }

    @Test
    void emptyBatchGivesEmptyResults() {
        FullyConnectedNet net = FullyConnectedNet.of(new int[] {2, 3, 2}, Activation.SILU);
        FullyConnectedNet.Forward f = net.forward(new double[0], new double[net.weightCount()], 0);
        assertEquals(0, f.output().length);
        FullyConnectedNet.Gradients g = net.backward(f, new double[0]);
        assertEquals(0, g.gradX().length);
        assertArrayEquals(new double[net.weightCount()], g.gradWeights());
    }

    @Test
    void badArgumentsAreNamed() {
        assertMessage("hs = [3]: needs at least two widths (input and output)",
                () -> FullyConnectedNet.of(new int[] {3}, Activation.SILU));
        assertMessage("hs = [3, 0, 2]: hs[1] = 0 must be >= 1",
                () -> FullyConnectedNet.of(new int[] {3, 0, 2}, Activation.SILU));
        assertMessage("varianceOut = 0.0 must be positive and finite",
                () -> FullyConnectedNet.of(new int[] {3, 2}, null, 1, 0, false));
        assertMessage("hs = [65536, 65536]: the weights need more than 2147483639 elements, the limit of one array",
                () -> FullyConnectedNet.of(new int[] {65536, 65536}, Activation.SILU));
        FullyConnectedNet net = FullyConnectedNet.of(new int[] {2, 3, 2}, Activation.SILU);
        double[] w = new double[net.weightCount()];
        assertMessage("FullyConnectedNet.forward: x has length 5, expected 6 = batch 3 * hs[0] 2",
                () -> net.forward(new double[5], w, 3));
        assertMessage("FullyConnectedNet.forward: weights has length 3, expected 12 = weightCount()",
                () -> net.forward(new double[6], new double[3], 3));
        assertMessage("batch = 1000000000: a layer of width 3 needs 3000000000 elements, above the limit 2147483639",
                () -> net.forward(new double[6], w, 1_000_000_000));
        FullyConnectedNet.Forward f = net.forward(new double[6], w, 3);
        assertMessage("FullyConnectedNet.backward: gradOut must not be null (expected length 6 = batch 3 * hs[-1] 2)",
                () -> net.backward(f, null));
        assertMessage("FullyConnectedNet.doubleBackward: vX has length 2, expected 6 = batch 3 * hs[0] 2",
                () -> net.doubleBackward(f, new double[6], new double[2], null));
        assertMessage("FullyConnectedNet.doubleBackward: vWeights has length 1, expected 12 = weightCount()",
                () -> net.doubleBackward(f, new double[6], null, new double[1]));
        assertMessage("FullyConnectedNet.backward: context must not be null", () -> net.backward(null, new double[6]));
        FullyConnectedNet other = FullyConnectedNet.of(new int[] {2, 3, 2}, Activation.SILU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.backward(f, new double[6]));
        assertTrue(e.getMessage().startsWith("FullyConnectedNet.backward: context comes from another net's forward"),
                e.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /** Random {x, weights, gradOut} for BATCH rows, from seeds seed, seed + 1, seed + 2. */
    private static double[][] randomArguments(FullyConnectedNet net, long seed) {
        return new double[][] {Arrays64.random(BATCH * net.inputDim(), seed),
                Arrays64.random(net.weightCount(), seed + 1), Arrays64.random(BATCH * net.outputDim(), seed + 2)};
    }

    /** Central differences of f with respect to every entry of args[which] (the arrays are restored). */
    private static double[] centralDifferences(Function<double[][], Double> f, double[][] args, int which) {
        double[] a = args[which];
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double keep = a[i];
            a[i] = keep + H;
            double plus = f.apply(args);
            a[i] = keep - H;
            double minus = f.apply(args);
            a[i] = keep;
            out[i] = (plus - minus) / (2 * H);
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 1e-3, what + ": the reference is (nearly) zero, the test would be vacuous");
        assertTrue(Arrays64.maxRelDiff(actual, expected) < 1e-8, what + ": max rel "
                + Arrays64.maxRelDiff(actual, expected));
    }
}
