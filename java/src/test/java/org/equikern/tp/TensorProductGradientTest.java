package org.equikern.tp;

import org.equikern.runtime.TensorProduct;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backward pass against central finite differences of L = Σ out·gradOut, every mode, both weight sharings. */
class TensorProductGradientTest {
    private static final int BATCH = 3;
    private static final double H = 1e-3;

    static Stream<Arguments> specs() {
        return ModeSpecs.all().stream().flatMap(s -> Stream.of(
                Arguments.of(s.instructions().get(0).mode() + (s.weightNumel() > 0 ? " weighted" : " unweighted")
                        + " shared", s.toBuilder().sharedWeights(true).build()),
                Arguments.of(s.instructions().get(0).mode() + (s.weightNumel() > 0 ? " weighted" : " unweighted")
                        + " per-sample", s.toBuilder().sharedWeights(false).build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void gradientsMatchFiniteDifferences(String name, TensorProductSpec spec) {
        Random random = new Random(name.hashCode());
        TensorProduct tp = new TensorProduct(spec);
        double[] x1 = ModeSpecs.random(random, BATCH * tp.plan().dim1());
        double[] x2 = ModeSpecs.random(random, BATCH * tp.plan().dim2());
        double[] w = ModeSpecs.weights(random, spec, BATCH);
        double[] gradOut = ModeSpecs.random(random, BATCH * tp.plan().dimOut());
        Gradients<double[]> g = tp.backward(x1, x2, w, gradOut, BATCH);

        assertMatches(name + " x1", g.x1(), FiniteDifferences.gradient(x1, () -> loss(tp, x1, x2, w, gradOut), H));
        assertMatches(name + " x2", g.x2(), FiniteDifferences.gradient(x2, () -> loss(tp, x1, x2, w, gradOut), H));
        if (w != null) {
            assertMatches(name + " weights", g.weights(),
                    FiniteDifferences.gradient(w, () -> loss(tp, x1, x2, w, gradOut), H));
        } else {
            assertEquals(0, g.weights().length);
        }
    }

    @Test
    void nullGradientArraysAreSkippedAndTheOthersUnchanged() {
        TensorProductSpec spec = ModeSpecs.all().get(0);
        TensorProduct tp = new TensorProduct(spec);
        Random random = new Random(3);
        double[] x1 = ModeSpecs.random(random, BATCH * tp.plan().dim1());
        double[] x2 = ModeSpecs.random(random, BATCH * tp.plan().dim2());
        double[] w = ModeSpecs.weights(random, spec, BATCH);
        double[] gradOut = ModeSpecs.random(random, BATCH * tp.plan().dimOut());
        Gradients<double[]> all = tp.backward(x1, x2, w, gradOut, BATCH);
        double[] onlyW = new double[w.length];
        tp.backward(x1, x2, w, gradOut, null, null, onlyW, BATCH);
        assertArrayEquals(all.weights(), onlyW);
        double[] onlyX2 = new double[x2.length];
        tp.backward(x1, x2, w, gradOut, null, onlyX2, null, BATCH);
        assertArrayEquals(all.x2(), onlyX2);
    }

    private static double loss(TensorProduct tp, double[] x1, double[] x2, double[] w, double[] gradOut) {
        double[] out = tp.forward(x1, x2, w, BATCH);
        double sum = 0;
        for (int i = 0; i < out.length; i++) sum += out[i] * gradOut[i];
        return sum;
    }

    private static void assertMatches(String what, double[] analytic, double[] numeric) {
        assertEquals(numeric.length, analytic.length, what);
        double scale = 0;
        double nonZero = 0;
        for (int i = 0; i < numeric.length; i++) {
            scale = Math.max(scale, Math.abs(numeric[i]));
            nonZero += Math.abs(analytic[i]);
        }
        assertTrue(nonZero > 0, what + ": gradient is all zeros");
        for (int i = 0; i < numeric.length; i++) {
            // L is linear in each single entry, so central differences are exact up to round-off.
            assertEquals(numeric[i], analytic[i], 1e-9 * scale, what + " entry " + i);
        }
    }
}
