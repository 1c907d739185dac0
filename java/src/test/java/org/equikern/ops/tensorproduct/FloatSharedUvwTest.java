package org.equikern.ops.tensorproduct;

import static org.equikern.testing.FloatArrays.gaussian;
import static org.equikern.testing.ScaledError.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.equikern.gemm.GemmRoute;
import org.equikern.group.Irreps;
import org.equikern.testing.GemmRoutes;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 route of shared-weight uvw plans, forward and backward, against the float64 executor
 * on the same float inputs, within {@code 1e-5} relative to the largest value (float sums over up to
 * 128 channels), on batches that end inside a {@link FloatSharedUvw#SAMPLES} block and one that spans
 * several backward chunks, on every GEMM route this JVM runs.
 */
class FloatSharedUvwTest {
    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> shapesAndRoutes() {
        String[][] shapes = {{"128x0e+128x1o", "0e+1o", "128x0e+128x1o"},
            {"32x0e+32x1o+32x2e", "0e+1o+2e", "32x0e+32x1o+32x2e"}, {"5x0e+7x1o", "0e+1o", "6x0e+3x1o+2x1e"}};
        return Stream.of(shapes).flatMap(shape -> GemmRoutes.available().stream()
                .map(route -> Arguments.of(shape[0], shape[1], shape[2], route)));
    }

    @ParameterizedTest(name = "{0} x {1} -> {2} on {3}")
    @MethodSource("shapesAndRoutes")
    void fullyConnectedForwardAndBackwardMatchFloat64(String in1, String in2, String out, GemmRoute route) {
        GemmRoutes.with(route, () -> forwardAndBackwardMatchFloat64(in1, in2, out, 150));
    }

    @Test
    void severalBackwardChunksSumTheirWeightGradients() {
        forwardAndBackwardMatchFloat64("5x0e+7x1o", "0e+1o", "6x0e+3x1o+2x1e", 2 * FloatSharedUvw.BACKWARD_SAMPLES + 17);
    }

    private static void forwardAndBackwardMatchFloat64(String in1, String in2, String out, int batch) {
        Plan plan = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse(in1), Irreps.parse(in2), Irreps.parse(out)));
        assertNotNull(FloatSharedUvw.of(new FlatPlan(plan, true)), "the float route serves " + plan);
        assertTrue(FloatSharedUvw.backwardChunks(batch).count == (batch + FloatSharedUvw.BACKWARD_SAMPLES - 1)
                / FloatSharedUvw.BACKWARD_SAMPLES, "the batch splits into blocks of backward chunks");
        SplittableRandom random = new SplittableRandom(in1.hashCode());
        float[] x1 = gaussian(random, batch * plan.dim1());
        float[] x2 = gaussian(random, batch * plan.dim2());
        float[] w = gaussian(random, plan.weightNumel());
        float[] actual = new float[batch * plan.dimOut()];
        Arrays.fill(actual, 42f);
        JavaTensorProductExecutor executor = new JavaTensorProductExecutor(plan);
        executor.forward(x1, x2, w, actual, batch);
        double[] expected = new double[actual.length];
        executor.forward(widen(x1), widen(x2), widen(w), expected, batch);
        assertClose(expected, actual, TOLERANCE, "out");

        float[] gradOut = gaussian(random, actual.length);
        float[] gx1 = filled(x1.length), gx2 = filled(x2.length), gw = filled(w.length);
        executor.backward(x1, x2, w, gradOut, gx1, gx2, gw, batch);
        double[] ex1 = new double[x1.length], ex2 = new double[x2.length], ew = new double[w.length];
        executor.backward(widen(x1), widen(x2), widen(w), widen(gradOut), ex1, ex2, ew, batch);
        assertClose(ex1, gx1, TOLERANCE, "gradX1");
        assertClose(ex2, gx2, TOLERANCE, "gradX2");
        assertClose(ew, gw, TOLERANCE, "gradWeights");
        // Gradients not asked for are skipped; the others are still overwritten.
        float[] onlyW = filled(w.length);
        executor.backward(x1, x2, w, gradOut, null, null, onlyW, batch);
        assertClose(ew, onlyW, TOLERANCE, "gradWeights alone");
        float[] onlyX2 = filled(x2.length);
        executor.backward(x1, x2, w, gradOut, null, onlyX2, null, batch);
        assertClose(ex2, onlyX2, TOLERANCE, "gradX2 alone");
    }

    private static float[] filled(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 42f);
        return values;
    }

    @Test
    void channelWiseAndPerSampleWeightedPlansKeepTheirRoutes() {
        Irreps irreps = Irreps.parse("8x0e+8x1o");
        Irreps sh = Irreps.parse("0e+1o");
        assertNull(FloatSharedUvw.of(new FlatPlan(Plan.of(TensorProductSpec.channelWise(irreps, sh, irreps)), true)));
        // Without couplings (the generic kernels) there is nothing to run it on.
        assertNull(FloatSharedUvw.of(new FlatPlan(Plan.of(TensorProductSpec.fullyConnected(irreps, sh, irreps)),
                false)));
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }
}
