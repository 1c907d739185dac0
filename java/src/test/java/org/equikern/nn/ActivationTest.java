package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.group.Parity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {
    /** E[f(z)^2]^{-1/2} for z ~ N(0,1), from 40-digit mpmath quadrature (split at 0, infinite range). */
    private static final double TANH_C = 1.59253741972283142777043884602;
    private static final double SIGMOID_C = 1.84622854533860541296088140967;
    private static final double SILU_C = 1.67653247033109115860425754366;

    @Test
    void secondMomentConstantsMatchClosedFormsAndHighPrecisionValues() {
        assertEquals(1.0, Activation.IDENTITY.secondMomentConstant(), 1e-14);
        assertEquals(Math.sqrt(2), Activation.RELU.secondMomentConstant(), 1e-14);
        assertEquals(1.0, Activation.ABS.secondMomentConstant(), 1e-14);
        assertEquals(TANH_C, Activation.TANH.secondMomentConstant(), 1e-14);
        assertEquals(SIGMOID_C, Activation.SIGMOID.secondMomentConstant(), 1e-14);
        assertEquals(SILU_C, Activation.SILU.secondMomentConstant(), 1e-14);
    }

    @Test
    void gaussianQuadratureIsExactForMomentsOfTheNormal() {
        assertEquals(1.0, GaussianExpectation.of(z -> 1), 1e-14);
        assertEquals(0.0, GaussianExpectation.of(z -> z * z * z), 1e-14);
        assertEquals(3.0, GaussianExpectation.of(z -> z * z * z * z), 1e-13);
        assertEquals(15.0, GaussianExpectation.of(z -> Math.pow(z, 6)), 1e-12);
        // E|z| = sqrt(2/pi): a kink at 0, handled by the split there.
        assertEquals(Math.sqrt(2 / Math.PI), GaussianExpectation.of(Math::abs), 1e-14);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeMatchesCentralDifferences(Activation a) {
        double h = 1e-5;
        for (double z : new double[] {-7.3, -2.1, -0.4, 0.3, 1.7, 5.2, 40.0, -40.0}) {
            double numeric = (a.value(z + h) - a.value(z - h)) / (2 * h);
            assertEquals(numeric, a.derivative(z), 1e-9, a.label() + " at " + z);
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void secondDerivativeMatchesCentralDifferencesOfTheDerivative(Activation a) {
        double h = 1e-5;
        for (double z : new double[] {-7.3, -2.1, -0.4, 0.3, 1.7, 5.2, 40.0, -40.0}) {
            double numeric = (a.derivative(z + h) - a.derivative(z - h)) / (2 * h);
            assertEquals(numeric, a.secondDerivative(z), 1e-9, a.label() + " at " + z);
        }
    }

    @Test
    void secondDerivativesMatchClosedForms() {
        // Symbolic second derivatives (sympy) evaluated to 20 digits at z = 1.3 and z = -2.7.
        assertEquals(0.21152227002379150491, Activation.SILU.secondDerivative(1.3), 1e-16);
        assertEquals(-0.021239464821604921302, Activation.SILU.secondDerivative(-2.7), 1e-16);
        assertEquals(-0.44367229515022804399, Activation.TANH.secondDerivative(1.3), 1e-16);
        assertEquals(0.035486444331933943747, Activation.TANH.secondDerivative(-2.7), 1e-16);
        assertEquals(-0.096211119164868427573, Activation.SIGMOID.secondDerivative(1.3), 1e-16);
        assertEquals(0.051575885107198291639, Activation.SIGMOID.secondDerivative(-2.7), 1e-16);
        // silu''(0) = 2·σ'(0) = 1/2; tanh and sigmoid are odd about their inflection point 0.
        assertEquals(0.5, Activation.SILU.secondDerivative(0.0), 1e-16);
        assertEquals(0.0, Activation.TANH.secondDerivative(0.0), 0.0);
        assertEquals(0.0, Activation.SIGMOID.secondDerivative(0.0), 0.0);
        // Far tails stay finite (no overflow in the logistic).
        assertEquals(0.0, Activation.SILU.secondDerivative(-800.0), 1e-300);
        assertEquals(0.0, Activation.SIGMOID.secondDerivative(800.0), 1e-300);
        for (Activation a : new Activation[] {Activation.IDENTITY, Activation.RELU, Activation.ABS}) {
            for (double z : new double[] {-1.5, 0.0, 2.5}) {
                assertEquals(0.0, a.secondDerivative(z), 0.0, a.label() + " at " + z);
            }
        }
        NormalizedActivation tanh = NormalizedActivation.of(Activation.TANH);
        assertEquals(tanh.constant() * -0.44367229515022804399, tanh.secondDerivative(1.3), 1e-15);
    }

    @Test
    void valuesAndKinksFollowPyTorch() {
        assertEquals(0.0, Activation.RELU.derivative(0.0));
        assertEquals(0.0, Activation.ABS.derivative(0.0));
        assertEquals(0.5, Activation.SIGMOID.value(0.0));
        assertEquals(1.0, Activation.SIGMOID.value(800.0));
        assertEquals(0.0, Activation.SIGMOID.value(-800.0));
        assertEquals(-0.0, Activation.SILU.value(-800.0), 0.0);
        assertEquals(2 / (1 + Math.exp(-2)), Activation.SILU.value(2.0), 1e-16);
        assertEquals(Math.tanh(0.7), Activation.TANH.value(0.7));
        assertEquals(3.0, Activation.ABS.value(-3.0));
        assertEquals(0.0, Activation.RELU.value(-3.0));
    }

    @Test
    void parsesNamesAndListsTheKnownOnesOtherwise() {
        assertEquals(Activation.SILU, Activation.parse("silu"));
        assertEquals(Activation.TANH, Activation.parse(" Tanh "));
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.parse(a.label()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.parse("gelu"));
        assertEquals("unknown activation 'gelu'; known: identity, silu, tanh, sigmoid, relu, abs", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.parse(null));
    }

    @Test
    void parityRulesAreE3nns() {
        for (Activation a : Activation.values()) {
            assertEquals(Parity.EVEN, a.outputParity(Parity.EVEN), a.label());
        }
        assertEquals(Parity.ODD, Activation.TANH.outputParity(Parity.ODD));
        assertEquals(Parity.ODD, Activation.IDENTITY.outputParity(Parity.ODD));
        assertEquals(Parity.EVEN, Activation.ABS.outputParity(Parity.ODD));
        for (Activation a : new Activation[] {Activation.SILU, Activation.SIGMOID, Activation.RELU}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> a.outputParity(Parity.ODD));
            assertTrue(e.getMessage().startsWith("activation '" + a.label() + "' is neither even nor odd"),
                    e.getMessage());
        }
    }

    @Test
    void normalizedActivationsScaleAndFollowE3nnsIdentityThreshold() {
        NormalizedActivation silu = NormalizedActivation.of(Activation.SILU);
        assertEquals(SILU_C, silu.constant(), 1e-12);
        assertEquals(silu.constant() * Activation.SILU.value(0.8), silu.value(0.8));
        assertEquals(silu.constant() * Activation.SILU.derivative(0.8), silu.derivative(0.8));
        NormalizedActivation mc = NormalizedActivation.withConstant(Activation.SILU, 1.6791767923989418);
        assertEquals(1.6791767923989418, mc.constant());
        assertEquals(1.0, NormalizedActivation.withConstant(Activation.TANH, 1.00009).constant());
        assertEquals(1.0002, NormalizedActivation.withConstant(Activation.TANH, 1.0002).constant());
        assertEquals(1.0, NormalizedActivation.of(Activation.IDENTITY).constant());
        assertEquals(1.0, NormalizedActivation.of(Activation.ABS).constant());
        assertEquals(-2.5, NormalizedActivation.of(Activation.IDENTITY).value(-2.5));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NormalizedActivation.withConstant(Activation.RELU, bad));
            assertTrue(e.getMessage().contains("'relu'"), e.getMessage());
        }
        assertEquals(2, NormalizedActivation.listOf(Activation.TANH, Activation.RELU).size());
        assertEquals(Math.sqrt(2), NormalizedActivation.listOf(Activation.TANH, Activation.RELU).get(1).constant(),
                1e-12);
    }

    /** The batched forms promise the scalar methods' bits, so the layers' results do not move with them. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void batchedFormsAreTheScalarMethodsBitForBit(Activation activation) {
        double[] z = {-800, -31.5, -2.25, -1e-9, 0, 1e-300, 0.5, 3.75, 40, 710};
        double scale = 1.3;
        double[] value = new double[z.length];
        double[] slope = new double[z.length];
        double[] curvature = new double[z.length];
        double[] pairValue = new double[z.length];
        double[] pairSlope = new double[z.length];
        activation.valuesSlopesAndCurvatures(z, scale, value, slope, curvature);
        activation.valuesAndSlopes(z, scale, pairValue, pairSlope);
        for (int i = 0; i < z.length; i++) {
            assertEquals(scale * activation.value(z[i]), value[i], 0.0, "value at " + z[i]);
            assertEquals(scale * activation.derivative(z[i]), slope[i], 0.0, "slope at " + z[i]);
            assertEquals(scale * activation.secondDerivative(z[i]), curvature[i], 0.0, "curvature at " + z[i]);
            assertEquals(value[i], pairValue[i], 0.0, "valuesAndSlopes' value at " + z[i]);
            assertEquals(slope[i], pairSlope[i], 0.0, "valuesAndSlopes' slope at " + z[i]);
        }
        NormalizedActivation normalized = NormalizedActivation.of(activation);
        normalized.valuesSlopesAndCurvatures(z, value, slope, curvature);
        normalized.valuesAndSlopes(z, pairValue, pairSlope);
        assertEquals(normalized.value(z[6]), value[6], 0.0);
        assertEquals(normalized.derivative(z[6]), slope[6], 0.0);
        assertEquals(normalized.secondDerivative(z[6]), curvature[6], 0.0);
        assertEquals(normalized.value(z[6]), pairValue[6], 0.0);
        assertEquals(normalized.derivative(z[6]), pairSlope[6], 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> activation.valuesSlopesAndCurvatures(z, scale, value, slope, new double[2]));
    }

    @Test
    void valuesAndSlopesRejectArraysOfAnotherLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Activation.SILU.valuesAndSlopes(new double[3], 1, new double[3], new double[2]));
        assertTrue(e.getMessage().contains("slope (2)"), e.getMessage());
    }
}
