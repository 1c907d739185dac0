package org.equikern.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link Activation} scaled to unit second moment: {@code c·f(z)}, e3nn's {@code normalize2mom}.
 *
 * <p>The constant comes either from {@link Activation#secondMomentConstant()} (an accurate Gaussian
 * integral), from e3nn's Monte-Carlo estimate ({@link #e3nn}: 10^6 samples, seed 0), which differs from
 * the integral by about 1e-3 relative but is what every e3nn, NequIP and MACE model is trained with, or
 * is given.
 * Like e3nn, a constant within 1e-4 of 1 is replaced by exactly 1 (the function is used unscaled).
 * Immutable.
 */
public final class NormalizedActivation {
    /** e3nn's {@code normalize2mom} uses the bare function when {@code |c - 1| < 1e-4}. */
    private static final double IDENTITY_THRESHOLD = 1e-4;

    /** e3nn 0.5.6's {@code normalize2mom(f).cst} for SiLU, tanh and sigmoid (test-data/e3nn/gate.json). */
    private static final double E3NN_SILU = 1.6791767923989418;
    private static final double E3NN_TANH = 1.5937334472592695;
    private static final double E3NN_SIGMOID = 1.8467055342154763;

    private final Activation activation;
    private final double constant;

    private NormalizedActivation(Activation activation, double constant) {
        if (!(constant > 0) || Double.isInfinite(constant)) {
            throw new IllegalArgumentException("second-moment constant for '" + activation.label()
                    + "' must be positive and finite, got " + constant);
        }
        this.activation = activation;
        this.constant = Math.abs(constant - 1) < IDENTITY_THRESHOLD ? 1.0 : constant;
    }

    /**
     * Scaled by the integrated constant {@link Activation#secondMomentConstant()}.
     *
     * @param activation the function f
     * @return c·f
     */
    public static NormalizedActivation of(Activation activation) {
        return new NormalizedActivation(activation, activation.secondMomentConstant());
    }

    /**
     * Scaled by the constant e3nn 0.5.6's {@code normalize2mom} computes: {@code E[f(z)^2]^-1/2} estimated
     * from 10^6 draws of {@code torch.randn} with seed 0, which is deterministic. Models that must agree
     * with e3nn, NequIP or MACE weights to round-off (not only to the estimate's 1e-3) use these.
     *
     * @param activation the function f: silu, tanh or sigmoid
     * @return f scaled by e3nn's constant
     * @throws IllegalArgumentException for an activation whose e3nn constant is not recorded here
     */
    public static NormalizedActivation e3nn(Activation activation) {
        double constant = switch (activation) {
            case SILU -> E3NN_SILU;
            case TANH -> E3NN_TANH;
            case SIGMOID -> E3NN_SIGMOID;
            default -> throw new IllegalArgumentException("no e3nn normalize2mom constant recorded for '"
                    + activation.label() + "'; known: silu, tanh, sigmoid");
        };
        return new NormalizedActivation(activation, constant);
    }

    /**
     * Scaled by a given constant (e.g. e3nn's Monte-Carlo estimate).
     *
     * @param activation the function f
     * @param constant the factor c
     * @return c·f
     */
    public static NormalizedActivation withConstant(Activation activation, double constant) {
        return new NormalizedActivation(activation, constant);
    }

    /**
     * Each activation scaled by its integrated constant, in order.
     *
     * @param activations the functions
     * @return a new list, in order
     */
    public static List<NormalizedActivation> listOf(Activation... activations) {
        List<NormalizedActivation> out = new ArrayList<>(activations.length);
        for (Activation a : activations) {
            out.add(of(a));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The function f before scaling.
     *
     * @return f
     */
    public Activation activation() {
        return activation;
    }

    /**
     * The factor {@code c} applied to the function (exactly 1 when within 1e-4 of 1).
     *
     * @return c
     */
    public double constant() {
        return constant;
    }

    /**
     * {@code c·f(z)}.
     *
     * @param z the argument
     * @return the scaled value
     */
    public double value(double z) {
        return constant * activation.value(z);
    }

    /**
     * {@code c·f'(z)}.
     *
     * @param z the argument
     * @return the scaled derivative
     */
    public double derivative(double z) {
        return constant * activation.derivative(z);
    }

    /**
     * {@code c·f''(z)}.
     *
     * @param z the argument
     * @return the scaled second derivative
     */
    public double secondDerivative(double z) {
        return constant * activation.secondDerivative(z);
    }

    /**
     * {@link #value} and {@link #derivative} of every element at once, bit for bit the same, evaluating what
     * the two share once ({@link Activation#valuesAndSlopes}).
     *
     * @param z the arguments
     * @param value receives {@code c·f(z[i])}
     * @param slope receives {@code c·f'(z[i])}
     * @throws IllegalArgumentException when the three arrays differ in length
     */
    public void valuesAndSlopes(double[] z, double[] value, double[] slope) {
        activation.valuesAndSlopes(z, constant, value, slope);
    }

    /**
     * {@link #valuesAndSlopes} and {@link #secondDerivative} of every element at once, bit for bit the same
     * ({@link Activation#valuesSlopesAndCurvatures}).
     *
     * @param z the arguments
     * @param value receives {@code c·f(z[i])}
     * @param slope receives {@code c·f'(z[i])}
     * @param curvature receives {@code c·f''(z[i])}
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public void valuesSlopesAndCurvatures(double[] z, double[] value, double[] slope, double[] curvature) {
        activation.valuesSlopesAndCurvatures(z, constant, value, slope, curvature);
    }

    @Override
    public String toString() {
        return activation.label() + "*" + constant;
    }
}
