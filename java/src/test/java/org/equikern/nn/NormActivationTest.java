package org.equikern.nn;

import static org.equikern.nn.Activation.SIGMOID;
import static org.equikern.nn.Activation.SILU;
import static org.equikern.nn.Activation.TANH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.Irreps;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

class NormActivationTest {
    private static final Irreps IRREPS = Irreps.parse("2x0e+1x1o+2x2e+1x0o+1x1e");

    @Test
    void e3nnDocstringExample() {
        // NormActivation("2x1e", torch.sigmoid) on ones: each copy keeps its direction, norm sigmoid(√3).
        NormActivation act = NormActivation.of("2x1e", SIGMOID);
        double[] out = new double[6];
        act.forward(new double[] {1, 1, 1, 1, 1, 1}, null, out, 1);
        double expected = 1 / (1 + Math.exp(-Math.sqrt(3))) / Math.sqrt(3);
        for (double v : out) {
            assertEquals(expected, v, 1e-16);
        }
        assertEquals(0.8497, Math.sqrt(3) * expected, 1e-4);
    }

    @Test
    void forwardByHandWithBiasAndWithoutNormalize() {
        NormActivation act = NormActivation.builder(Irreps.parse("1x0e+1x1o"), TANH).normalize(false).bias(true)
                .build();
        assertEquals(2, act.biasNumel());
        assertEquals(0.0, act.epsilon());
        double[] x = {-2, 3, 0, 4};
        double[] bias = {0.5, -1};
        double[] out = new double[4];
        act.forward(x, bias, out, 1);
        assertEquals(-2 * Math.tanh(2 + 0.5), out[0], 1e-15);
        assertEquals(3 * Math.tanh(5 - 1), out[1], 1e-15);
        assertEquals(0.0, out[2]);
        assertEquals(4 * Math.tanh(5 - 1), out[3], 1e-15);
    }

    @Test
    void scalarsUnderNormalizeKeepTheirSign() {
        NormActivation act = NormActivation.of("2x0e", SILU);
        double[] out = new double[2];
        act.forward(new double[] {-0.5, 2}, null, out, 1);
        assertEquals(-SILU.value(0.5), out[0], 1e-16);
        assertEquals(SILU.value(2), out[1], 1e-16);
    }

    @Test
    void zeroAndTinyCopiesAreClampedLikeE3nn() {
        NormActivation act = NormActivation.builder(Irreps.parse("2x1o"), SIGMOID).epsilon(1e-3).bias(true).build();
        double[] bias = {0.2, -0.3};
        double[] x = {0, 0, 0, 1e-4, -2e-4, 3e-4};
        double[] out = new double[6];
        act.forward(x, bias, out, 1);
        assertArrayEquals(new double[3], java.util.Arrays.copyOf(out, 3));
        double s = SIGMOID.value(1e-3 - 0.3) / 1e-3;
        assertEquals(s * 1e-4, out[3], 1e-18);
        assertEquals(s * 3e-4, out[5], 1e-18);

        double[] g = {1, -2, 0.5, 0.25, 1, -1};
        double[] gradX = new double[6];
        double[] gradBias = new double[2];
        act.backward(x, bias, g, gradX, gradBias, 1);
        double s0 = SIGMOID.value(1e-3 + 0.2) / 1e-3;
        assertArrayEquals(new double[] {s0 * 1, s0 * -2, s0 * 0.5, s * 0.25, s * 1, s * -1}, gradX, 1e-9);
        assertEquals(0.0, gradBias[0]);
        double dot = 0.25e-4 - 2e-4 - 3e-4;
        assertEquals(dot * SIGMOID.derivative(1e-3 - 0.3) / 1e-3, gradBias[1], 1e-15);

        NormActivation plain = NormActivation.builder(Irreps.parse("1x1o"), SIGMOID).normalize(false).build();
        double[] gx = new double[3];
        plain.backward(new double[3], null, new double[] {1, 2, 3}, gx, null, 1);
        assertArrayEquals(new double[] {0.5, 1, 1.5}, gx, 0);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        for (boolean normalize : new boolean[] {true, false}) {
            NormActivation act = NormActivation.builder(IRREPS, SILU).normalize(normalize).bias(true).build();
            int batch = 3;
            int n = batch * IRREPS.dim();
            double[] x = Arrays64.random(n, 5);
            double[] bias = Arrays64.random(act.biasNumel(), 6);
            double[] g = Arrays64.random(n, 7);
            double[] out = new double[n];
            double[] gradX = new double[n];
            double[] gradBias = new double[act.biasNumel()];
            act.backward(x, bias, g, gradX, gradBias, batch);
            java.util.function.DoubleSupplier loss = () -> {
                act.forward(x, bias, out, batch);
                return Arrays64.dot(out, g);
            };
            assertTrue(Arrays64.maxRelDiff(gradX, FiniteDifferences.gradient(x, loss, 1e-6)) < 1e-8,
                    "normalize " + normalize);
            assertTrue(Arrays64.maxRelDiff(gradBias, FiniteDifferences.gradient(bias, loss, 1e-6)) < 1e-8,
                    "normalize " + normalize);
        }
    }

    @Test
    void commutesWithRotationsAndInversion() {
        NormActivation act = NormActivation.builder(IRREPS, TANH).bias(true).build();
        int batch = 4;
        double[] x = Arrays64.random(batch * IRREPS.dim(), 21);
        double[] bias = Arrays64.random(act.biasNumel(), 22);
        double[] g = Arrays64.random(x.length, 23);
        double[] out = new double[x.length];
        double[] gradX = new double[x.length];
        double[] outRotated = new double[x.length];
        double[] gradXRotated = new double[x.length];
        double[] gradBias = new double[act.biasNumel()];
        double[] gradBiasRotated = new double[act.biasNumel()];
        act.forward(x, bias, out, batch);
        act.backward(x, bias, g, gradX, gradBias, batch);
        Random random = new Random(24);
        for (int trial = 0; trial < 4; trial++) {
            Rotation r = Rotation.random(random);
            boolean inversion = trial % 2 == 1;
            double[] xr = Representation.apply(IRREPS, r, inversion, x, batch);
            double[] gr = Representation.apply(IRREPS, r, inversion, g, batch);
            act.forward(xr, bias, outRotated, batch);
            act.backward(xr, bias, gr, gradXRotated, gradBiasRotated, batch);
            assertTrue(Arrays64.maxRelDiff(outRotated, Representation.apply(IRREPS, r, inversion, out, batch))
                    < 1e-12);
            assertTrue(Arrays64.maxRelDiff(gradXRotated, Representation.apply(IRREPS, r, inversion, gradX, batch))
                    < 1e-12);
            assertTrue(Arrays64.maxRelDiff(gradBiasRotated, gradBias) < 1e-12);
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        NormActivation act = NormActivation.builder(IRREPS, SIGMOID).bias(true).build();
        int batch = 5;
        double[] x = Arrays64.toDouble(Arrays64.toFloat(Arrays64.random(batch * IRREPS.dim(), 31)));
        double[] bias = Arrays64.toDouble(Arrays64.toFloat(Arrays64.random(act.biasNumel(), 32)));
        double[] g = Arrays64.toDouble(Arrays64.toFloat(Arrays64.random(x.length, 33)));
        double[] out = new double[x.length];
        double[] gradX = new double[x.length];
        double[] gradBias = new double[act.biasNumel()];
        act.forward(x, bias, out, batch);
        act.backward(x, bias, g, gradX, gradBias, batch);
        float[] outF = new float[x.length];
        float[] gradXF = new float[x.length];
        float[] gradBiasF = new float[act.biasNumel()];
        act.forward(Arrays64.toFloat(x), Arrays64.toFloat(bias), outF, batch);
        act.backward(Arrays64.toFloat(x), Arrays64.toFloat(bias), Arrays64.toFloat(g), gradXF, gradBiasF, batch);
        // Inputs are exactly representable, so the float results are the double ones rounded once.
        assertArrayEquals(Arrays64.toFloat(out), outF);
        assertArrayEquals(Arrays64.toFloat(gradX), gradXF);
        assertArrayEquals(Arrays64.toFloat(gradBias), gradBiasF);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NormActivation.builder(IRREPS, TANH).normalize(false).epsilon(1e-6).build());
        assertTrue(e.getMessage().contains("epsilon 1.0E-6 given with normalize = false"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NormActivation.builder(IRREPS, TANH).epsilon(0).build());
        assertEquals("NormActivation: epsilon must be positive and finite, got 0.0", e.getMessage());
        NormActivation act = NormActivation.builder(IRREPS, TANH).bias(true).build();
        e = assertThrows(IllegalArgumentException.class,
                () -> act.forward(new double[IRREPS.dim()], null, new double[IRREPS.dim()], 1));
        assertEquals("NormActivation.forward: bias must not be null (expected length 7 = irreps.num_irreps)",
                e.getMessage());
        double[] x = new double[IRREPS.dim()];
        e = assertThrows(IllegalArgumentException.class, () -> act.forward(x, new double[7], x, 1));
        assertEquals("NormActivation.forward: output 'out' aliases input 'x'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NormActivation.of("1x1o", TANH).forward(new double[3], new double[1], new double[3], 1));
        assertEquals("NormActivation.forward: bias has length 1, expected 0 = biasNumel (the layer has no bias)",
                e.getMessage());
    }

    @Test
    void steadyStateFloat32CallsDoNotAllocate() {
        NormActivation act = NormActivation.builder(IRREPS, SILU).bias(true).build();
        float[] x = Arrays64.toFloat(Arrays64.random(4 * IRREPS.dim(), 41));
        float[] bias = new float[act.biasNumel()];
        float[] out = new float[x.length];
        float[] gradX = new float[x.length];
        float[] gradBias = new float[bias.length];
        long forward = Allocations.ofSteadyState(() -> act.forward(x, bias, out, 4));
        long backward = Allocations.ofSteadyState(() -> act.backward(x, bias, out, gradX, gradBias, 4));
        assertTrue(forward < 1024 && backward < 1024, forward + " and " + backward + " bytes allocated by 1000 calls");
    }
}
