package org.equikern.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equikern.group.Parity;

/**
 * Elementwise scalar activation functions with their derivatives, as used by {@link Gate}.
 *
 * <p>Derivatives at kinks follow PyTorch's autograd: {@code relu'(0) = 0} and {@code abs'(0) = 0}; second
 * derivatives (for force training, which differentiates a backward) are exact closed forms.
 * Each function also knows its second-moment normalization constant (see
 * {@link #secondMomentConstant()}) and, like e3nn's {@code nn.Activation}, its behaviour under
 * {@code z → -z}, which decides what it does to odd scalars ({@link #outputParity(Parity)}).
 */
public enum Activation {
    /** {@code f(z) = z}. */
    IDENTITY("identity") {
        @Override
        public double value(double z) {
            return z;
        }

        @Override
        public double derivative(double z) {
            return 1;
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    },
    /** {@code f(z) = z·σ(z)} (also called swish). */
    SILU("silu") {
        @Override
        public double value(double z) {
            return z * logistic(z);
        }

        @Override
        public double derivative(double z) {
            double s = logistic(z);
            return s * (1 + z * (1 - s));
        }

        @Override
        public double secondDerivative(double z) {
            double s = logistic(z);
            return s * (1 - s) * (2 + z * (1 - 2 * s));
        }

        /** The logistic once per element for both: its exponential is most of either's cost. */
        @Override
        public void valuesAndSlopes(double[] z, double scale, double[] value, double[] slope) {
            checkSameLength(z, value, slope);
            for (int i = 0; i < z.length; i++) {
                double x = z[i];
                double s = logistic(x);
                value[i] = scale * (x * s);
                slope[i] = scale * (s * (1 + x * (1 - s)));
            }
        }

        @Override
        public void valuesSlopesAndCurvatures(double[] z, double scale, double[] value, double[] slope,
                double[] curvature) {
            checkSameLength(z, value, slope);
            checkCurvatureLength(z, curvature);
            for (int i = 0; i < z.length; i++) {
                double x = z[i];
                double s = logistic(x);
                value[i] = scale * (x * s);
                slope[i] = scale * (s * (1 + x * (1 - s)));
                curvature[i] = scale * (s * (1 - s) * (2 + x * (1 - 2 * s)));
            }
        }
    },
    /** {@code f(z) = tanh(z)}. */
    TANH("tanh") {
        @Override
        public double value(double z) {
            return Math.tanh(z);
        }

        @Override
        public double derivative(double z) {
            double t = Math.tanh(z);
            return 1 - t * t;
        }

        @Override
        public double secondDerivative(double z) {
            // sech² as 1/cosh² rather than 1 - tanh², which cancels for large |z|.
            double c = Math.cosh(z);
            return -2 * Math.tanh(z) / (c * c);
        }
    },
    /** {@code f(z) = σ(z) = 1 / (1 + e^{-z})}. */
    SIGMOID("sigmoid") {
        @Override
        public double value(double z) {
            return logistic(z);
        }

        @Override
        public double derivative(double z) {
            double s = logistic(z);
            return s * (1 - s);
        }

        @Override
        public double secondDerivative(double z) {
            double s = logistic(z);
            return s * (1 - s) * (1 - 2 * s);
        }
    },
    /** {@code f(z) = max(z, 0)}. */
    RELU("relu") {
        @Override
        public double value(double z) {
            return z > 0 ? z : 0;
        }

        @Override
        public double derivative(double z) {
            return z > 0 ? 1 : 0;
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    },
    /** {@code f(z) = |z|}. */
    ABS("abs") {
        @Override
        public double value(double z) {
            return Math.abs(z);
        }

        @Override
        public double derivative(double z) {
            return Math.signum(z);
        }

        @Override
        public double secondDerivative(double z) {
            return 0;
        }
    };

    /** e3nn tests parity on {@code linspace(0, 10, 256)} with this tolerance. */
    private static final int PARITY_SAMPLES = 256;
    private static final double PARITY_RANGE = 10.0;
    private static final double PARITY_TOLERANCE = 1e-5;

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /**
     * The function's value at {@code z}.
     *
     * @param z the argument
     * @return f(z)
     */
    public abstract double value(double z);

    /**
     * The function's derivative at {@code z}.
     *
     * @param z the argument
     * @return f'(z)
     */
    public abstract double derivative(double z);

    /**
     * The function's second derivative at {@code z}, exact in closed form. At the kinks of relu and abs
     * it is 0, as PyTorch's double backward gives (the derivative is piecewise constant).
     *
     * @param z the argument
     * @return f''(z)
     */
    public abstract double secondDerivative(double z);

    /**
     * The lower-case name used by e3nn and the reference files, e.g. {@code silu}.
     *
     * @return the name
     */
    public String label() {
        return label;
    }

    /**
     * Parses a name ({@code identity, silu, tanh, sigmoid, relu, abs}; case-insensitive, surrounding
     * blanks ignored).
     *
     * @param name the name
     * @return the activation
     * @throws IllegalArgumentException naming the unknown activation and listing the known ones
     */
    public static Activation parse(String name) {
        if (name != null) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            for (Activation a : values()) {
                if (a.label.equals(key)) {
                    return a;
                }
            }
        }
        List<String> known = new ArrayList<>();
        for (Activation a : values()) {
            known.add(a.label);
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + String.join(", ", known));
    }

    /**
     * The constant {@code c = E[f(z)^2]^{-1/2}} for {@code z ~ N(0, 1)}, which makes {@code c·f(z)} have
     * second moment 1 (e3nn's {@code normalize2mom}). Computed by Gaussian quadrature to about 1e-15
     * relative; e3nn estimates the same quantity by Monte Carlo (see {@link NormalizedActivation}).
     *
     * @return c &gt; 0
     */
    public double secondMomentConstant() {
        return SecondMoments.CONSTANTS[ordinal()];
    }

    /**
     * What the activation does to the parity of a scalar input, by e3nn's rule: even scalars stay
     * even; for odd scalars an odd function keeps them odd and an even function makes them even.
     * Odd and even are decided as e3nn does, numerically on 256 points of [0, 10] with tolerance 1e-5
     * (applied to the normalized function).
     *
     * @param input the parity of the scalar input
     * @return the parity of the output
     * @throws IllegalArgumentException if the input is odd and the function is neither odd nor even
     */
    public Parity outputParity(Parity input) {
        if (input == Parity.EVEN) {
            return Parity.EVEN;
        }
        if (isSymmetric(-1)) {
            return Parity.ODD;
        }
        if (isSymmetric(1)) {
            return Parity.EVEN;
        }
        throw new IllegalArgumentException("activation '" + label
                + "' is neither even nor odd, so it cannot act on odd scalars (0o): the parity would be violated");
    }

    /** Whether {@code c·f(-z) = sign·c·f(z)} on e3nn's test grid. */
    private boolean isSymmetric(int sign) {
        double c = secondMomentConstant();
        for (int i = 0; i < PARITY_SAMPLES; i++) {
            double z = PARITY_RANGE * i / (PARITY_SAMPLES - 1);
            if (Math.abs(c * value(-z) - sign * c * value(z)) >= PARITY_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code value[i] = scale·f(z[i])} and {@code slope[i] = scale·f'(z[i])} for every element, bit for bit
     * what {@code scale * value(z[i])} and {@code scale * derivative(z[i])} give; a function whose value and
     * derivative share a costly part evaluates it once.
     *
     * @param z the arguments
     * @param scale the factor on both
     * @param value receives the scaled values
     * @param slope receives the scaled derivatives
     * @throws IllegalArgumentException when the three arrays differ in length
     */
    public void valuesAndSlopes(double[] z, double scale, double[] value, double[] slope) {
        checkSameLength(z, value, slope);
        for (int i = 0; i < z.length; i++) {
            value[i] = scale * value(z[i]);
            slope[i] = scale * derivative(z[i]);
        }
    }

    /**
     * {@link #valuesAndSlopes} and also {@code curvature[i] = scale·f''(z[i])}, bit for bit what
     * {@code scale * secondDerivative(z[i])} gives: for a net whose double backward needs the second
     * derivative where its forward has the shared costly part at hand.
     *
     * @param z the arguments
     * @param scale the factor on all three
     * @param value receives the scaled values
     * @param slope receives the scaled derivatives
     * @param curvature receives the scaled second derivatives
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public void valuesSlopesAndCurvatures(double[] z, double scale, double[] value, double[] slope,
            double[] curvature) {
        checkCurvatureLength(z, curvature);
        valuesAndSlopes(z, scale, value, slope);
        for (int i = 0; i < z.length; i++) {
            curvature[i] = scale * secondDerivative(z[i]);
        }
    }

    private static void checkCurvatureLength(double[] z, double[] curvature) {
        if (curvature.length != z.length) {
            throw new IllegalArgumentException("valuesSlopesAndCurvatures: curvature (" + curvature.length
                    + ") must have z's length " + z.length);
        }
    }

    private static void checkSameLength(double[] z, double[] value, double[] slope) {
        if (value.length != z.length || slope.length != z.length) {
            throw new IllegalArgumentException("valuesAndSlopes: value (" + value.length + ") and slope ("
                    + slope.length + ") must have z's length " + z.length);
        }
    }

    /** The logistic function, evaluated without overflow for either sign. */
    private static double logistic(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    /** Integrated once, on first use. */
    private static final class SecondMoments {
        static final double[] CONSTANTS = compute();

        private static double[] compute() {
            Activation[] all = values();
            double[] out = new double[all.length];
            for (Activation a : all) {
                out[a.ordinal()] = 1 / Math.sqrt(GaussianExpectation.secondMoment(a::value));
            }
            return out;
        }
    }
}
