package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SymmetricContraction#tangent} and {@link SymmetricContraction#tangentBackward} against the
 * derivative of {@code forward} and {@code backward} along a line. The contraction is a polynomial of
 * degree ν ≤ 3 in x and its backward one of degree ≤ 3 in the line parameter, so the five-point stencil
 * {@code [8(f(h) − f(−h)) − (f(2h) − f(−2h))] / 12h}, exact for polynomials up to degree 4, is an
 * independent reference exact up to rounding.
 */
class SymmetricContractionSecondOrderTest {
    private static final double H = 0.25;
    private static final int BATCH = 3;
    private static final int[] ELEMENTS = {1, 0, 1};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void tangentIsTheDerivativeOfForwardAlongTheInputTangent(int correlation) {
        SymmetricContraction sc = SymmetricContraction.of("3x0e+3x1o+3x2e", "3x0e+3x1o", correlation, 2);
        double[] x = Arrays64.random(BATCH * sc.irrepsIn().dim(), 1);
        double[] xDot = Arrays64.random(x.length, 2);
        double[] w = Arrays64.random(sc.weightNumel(), 3);
        double[] got = new double[BATCH * sc.irrepsOut().dim()];
        sc.tangent(x, xDot, ELEMENTS, w, got, BATCH);
        double[] expected = lineDerivative(t -> {
            double[] out = new double[got.length];
            sc.forward(along(x, xDot, t), ELEMENTS, w, out, BATCH);
            return out;
        });
        assertClose(expected, got, "output tangent");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void tangentBackwardIsTheDerivativeOfBackwardAlongTheTangents(int correlation) {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o+2x2e", "2x0e+2x1o+2x2e", correlation, 2);
        double[] x = Arrays64.random(BATCH * sc.irrepsIn().dim(), 4);
        double[] xDot = Arrays64.random(x.length, 5);
        double[] w = Arrays64.random(sc.weightNumel(), 6);
        double[] g = Arrays64.random(BATCH * sc.irrepsOut().dim(), 7);
        double[] gDot = Arrays64.random(g.length, 8);
        double[] gradXTangent = new double[x.length];
        double[] gradWTangent = new double[w.length];
        sc.tangentBackward(x, xDot, ELEMENTS, w, g, gDot, gradXTangent, gradWTangent, BATCH);
        assertClose(lineDerivative(t -> {
            double[] gx = new double[x.length];
            sc.backward(along(x, xDot, t), ELEMENTS, w, along(g, gDot, t), gx, null, BATCH);
            return gx;
        }), gradXTangent, "input gradient tangent");
        assertClose(lineDerivative(t -> {
            double[] gw = new double[w.length];
            sc.backward(along(x, xDot, t), ELEMENTS, w, along(g, gDot, t), null, gw, BATCH);
            return gw;
        }), gradWTangent, "weight gradient tangent");

        double[] onlyX = new double[x.length];
        sc.tangentBackward(x, xDot, ELEMENTS, w, g, gDot, onlyX, null, BATCH);
        assertArrayEquals(gradXTangent, onlyX, "without gradWTangent, gradXTangent is the same");
    }

    @Test
    void badLengthsAndAliasingAreRejected() {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o", "2x0e", 2, 2);
        double[] x = new double[BATCH * sc.irrepsIn().dim()];
        double[] w = new double[sc.weightNumel()];
        double[] out = new double[BATCH * sc.irrepsOut().dim()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sc.tangent(x, new double[x.length - 1], ELEMENTS, w, out, BATCH));
        assertTrue(e.getMessage().contains("SymmetricContraction.tangent") && e.getMessage().contains("xTangent"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> sc.tangentBackward(x, x.clone(), ELEMENTS, w, out, out.clone(), x, null, BATCH));
        assertTrue(e.getMessage().contains("gradXTangent"), e.getMessage());
    }

    private static double[] along(double[] base, double[] direction, double t) {
        double[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += t * direction[i];
        }
        return out;
    }

    private static double[] lineDerivative(DoubleFunction<double[]> f) {
        double[] p1 = f.apply(H);
        double[] m1 = f.apply(-H);
        double[] p2 = f.apply(2 * H);
        double[] m2 = f.apply(-2 * H);
        double[] d = new double[p1.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (8 * (p1[i] - m1[i]) - (p2[i] - m2[i])) / (12 * H);
        }
        return d;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " is not trivially zero");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * scale, what + " [" + i + "]");
        }
    }
}
