package org.equikern.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link Activation} scaled to unit second moment: {@code c·f(z)}, e3nn's {@code normalize2mom}.
 *
 * <p>The constant comes either from {@link Activation#secondMomentConstant()} (an accurate Gaussian
 * integral) or is given, e.g. e3nn's Monte-Carlo estimate (10^6 samples, seed 0), which differs from
 * the integral by about 1e-3 relative; passing e3nn's value reproduces e3nn's outputs exactly.
 * Like e3nn, a constant within 1e-4 of 1 is replaced by exactly 1 (the function is used unscaled).
 * Immutable.
 */
public final class NormalizedActivation {
    /** e3nn's {@code normalize2mom} uses the bare function when {@code |c - 1| < 1e-4}. */
    private static final double IDENTITY_THRESHOLD = 1e-4;

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

    @Override
    public String toString() {
        return activation.label() + "*" + constant;
    }
}
