package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.equikern.gemm.GemmRoute;
import org.equikern.group.Irreps;
import org.equikern.testing.GemmRoutes;
import org.equikern.testing.JsonObject;
import org.equikern.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Linear}'s float32 path (the default; {@code equikern.float32.widen} is not set in the
 * tests) against e3nn's reference outputs and against the float64 path on the same float inputs,
 * within the tolerance its precision note documents: {@code 1e-5} relative to the largest value, on
 * every GEMM route this JVM runs.
 */
class LinearFloat32Test {
    private static final double TOLERANCE = 1e-5;

    static List<GemmRoute> routes() {
        return GemmRoutes.available();
    }

    @ParameterizedTest
    @MethodSource("routes")
    void matchesE3nnsReferenceOutputs(GemmRoute route) {
        GemmRoutes.with(route, LinearFloat32Test::matchE3nn);
    }

    private static void matchE3nn() {
        for (JsonObject c : ReferenceFiles.e3nn("linear.json").objects("cases")) {
            Linear lin = Linear.of(c.string("irreps_in"), c.string("irreps_out"));
            int batch = c.integer("batch");
            float[] out = new float[c.doubles("out").length];
            lin.forward(Arrays64.toFloat(c.doubles("x")), Arrays64.toFloat(c.doubles("weight")), null, out, batch);
            assertWithin(c.doubles("out"), out, c.path());
        }
    }

    @ParameterizedTest
    @MethodSource("routes")
    void wideLayerMatchesFloat64OnTheSameInputs(GemmRoute route) {
        GemmRoutes.with(route, LinearFloat32Test::matchFloat64);
    }

    private static void matchFloat64() {
        // 128 channels: the GEMM's 4 × 4 blocks, its remainders (37 samples, 7 components) and long K sums.
        Linear lin = Linear.builder(Irreps.parse("128x0e+128x1o+6x2e+3x3o"), Irreps.parse("96x0e+128x1o+5x2e+3x3o"))
                .biases(true).build();
        int batch = 37;
        float[] x = Arrays64.toFloat(Arrays64.random(batch * lin.irrepsIn().dim(), 11));
        float[] w = Arrays64.toFloat(Arrays64.random(lin.weightNumel(), 12));
        float[] b = Arrays64.toFloat(Arrays64.random(lin.biasNumel(), 13));
        float[] g = Arrays64.toFloat(Arrays64.random(batch * lin.irrepsOut().dim(), 14));

        double[] out = new double[g.length];
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        double[] gb = new double[b.length];
        lin.forward(Arrays64.toDouble(x), Arrays64.toDouble(w), Arrays64.toDouble(b), out, batch);
        lin.backward(Arrays64.toDouble(x), Arrays64.toDouble(w), Arrays64.toDouble(g), gx, gw, gb, batch);

        float[] outF = new float[out.length];
        float[] gxF = new float[gx.length];
        float[] gwF = new float[gw.length];
        float[] gbF = new float[gb.length];
        lin.forward(x, w, b, outF, batch);
        lin.backward(x, w, g, gxF, gwF, gbF, batch);
        assertWithin(out, outF, "out");
        assertWithin(gx, gxF, "gradX");
        assertWithin(gw, gwF, "gradW");
        assertWithin(gb, gbF, "gradBias");
    }

    @Test
    void unwantedGradientsAreNotComputedAndOutputsAreOverwritten() {
        Linear lin = Linear.of("5x0e+2x1o", "3x0e+2x1o");
        int batch = 3;
        float[] x = Arrays64.toFloat(Arrays64.random(batch * 11, 21));
        float[] w = Arrays64.toFloat(Arrays64.random(lin.weightNumel(), 22));
        float[] g = Arrays64.toFloat(Arrays64.random(batch * 9, 23));
        float[] gw = new float[lin.weightNumel()];
        Arrays.fill(gw, 42f);
        lin.backward(x, w, g, null, gw, null, batch);
        double[] expected = new double[gw.length];
        lin.backward(Arrays64.toDouble(x), Arrays64.toDouble(w), Arrays64.toDouble(g), null, expected, null, batch);
        assertWithin(expected, gw, "gradW alone");
        float[] out = new float[batch * 9];
        Arrays.fill(out, 42f);
        lin.forward(x, w, null, out, batch);
        double[] expectedOut = new double[out.length];
        lin.forward(Arrays64.toDouble(x), Arrays64.toDouble(w), null, expectedOut, batch);
        assertWithin(expectedOut, out, "out over stale values");
    }

    private static void assertWithin(double[] expected, float[] actual, String what) {
        double error = Arrays64.maxRelDiff(Arrays64.toDouble(actual), expected);
        assertTrue(error < TOLERANCE, what + ": relative difference " + error);
    }
}
