package org.equikern.nn;

import org.equikern.concurrent.ScratchPool;
import static org.equikern.nn.ArrayChecks.len;

import java.util.Arrays;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * The norm nonlinearity, e3nn's {@code nn.NormActivation(irreps_in, scalar_nonlinearity, normalize,
 * epsilon, bias)}: every irrep copy {@code x} is rescaled by a function of its norm, so directions are
 * kept and the layer commutes with O(3). Input and output irreps are the same.
 *
 * <p>Per copy {@code c} with squared norm {@code q = Σ x_i²}:
 * <ul>
 *   <li>with {@code normalize} (default): {@code n = √q}, except that {@code q < ε²} is clamped to
 *       {@code ε²} (e3nn's rule, {@code ε = 1e-8} unless given), and {@code out = x · f(n + b_c) / n};</li>
 *   <li>without: {@code n = √q} and {@code out = x · f(n + b_c)}; an epsilon is then rejected, as in e3nn.</li>
 * </ul>
 * The bias {@code b_c} (one per copy, {@link #biasNumel()} = {@code irreps.num_irreps}) exists only with
 * {@code bias(true)}; otherwise it is 0. {@code f} is used as given: e3nn does not rescale it to unit
 * second moment, so pass {@link NormalizedActivation#withConstant} with constant 1 or an {@link Activation}.
 *
 * <p><b>Zero and tiny vectors.</b> With {@code normalize} the clamp makes a copy of norm below {@code ε}
 * map linearly, {@code out = x · f(ε + b)/ε} (so 0 maps to 0), and its norm has no gradient there, as
 * e3nn's masked assignment gives. Without {@code normalize}, {@code out = 0} at {@code x = 0} and the
 * gradient of the norm is taken as 0 there (e3nn's {@code relu().sqrt()}), giving {@code gradX = f(b)·gradOut}.
 *
 * <p>Arrays hold {@code batch} samples one after the other; lengths are checked before any work and
 * outputs are overwritten. Float32 methods widen each sample into per-thread double scratch and run the
 * float64 code, so there is one implementation and no allocation after a thread's first call.
 * Instances are immutable and thread-safe.
 *
 * <p><b>Second order.</b> {@link #tangent} and {@link #tangentBackward} (double only) are the
 * forward-mode derivatives of {@code forward} and {@code backward} along an input tangent (biases
 * fixed), through the activation's second derivative: with them a model differentiates its reverse
 * pass, as training on forces needs.
 */
public final class NormActivation {
    /** e3nn's epsilon when normalizing and none is given. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private static final String FORWARD = "NormActivation.forward";
    private static final String BACKWARD = "NormActivation.backward";
    private static final String TANGENT = "NormActivation.tangent";
    private static final String TANGENT_BACKWARD = "NormActivation.tangentBackward";

    private final Irreps irreps;
    private final NormalizedActivation activation;
    private final boolean normalize;
    private final double epsilon;
    private final boolean bias;
    private final int dim;
    /** Cached: {@link Irreps#numIrreps()} walks the blocks. */
    private final int biasNumel;
    /** Per irrep copy: its first component in a sample and its dimension. */
    private final int[] copyStart;
    private final int[] copyDim;
    private final NormActivationArithmetic arithmetic;
    private final ScratchPool<Scratch> scratch;

    private NormActivation(Builder b, double epsilon) {
        this.irreps = b.irreps;
        this.activation = b.activation;
        this.normalize = b.normalize;
        this.epsilon = epsilon;
        this.bias = b.bias;
        this.dim = irreps.dim();
        int copies = irreps.numIrreps();
        this.biasNumel = bias ? copies : 0;
        int[] start = new int[copies];
        int[] size = new int[copies];
        int c = 0;
        for (int block = 0; block < irreps.size(); block++) {
            MulIrrep m = irreps.get(block);
            int d = m.irrep().dim();
            for (int u = 0; u < m.mul(); u++, c++) {
                start[c] = irreps.offset(block) + u * d;
                size[c] = d;
            }
        }
        this.copyStart = start;
        this.copyDim = size;
        this.arithmetic = new NormActivationArithmetic(activation, normalize, epsilon, start, size);
        this.scratch = new ScratchPool<>(() -> new Scratch(dim, copies));
    }

    /**
     * A builder for a layer with e3nn's defaults ({@code normalize = true}, {@code ε = 1e-8}, no bias).
     *
     * @param irreps the irreps the layer acts on
     * @param activation the nonlinearity applied to each copy's norm
     * @return the builder
     * @throws IllegalArgumentException for a null argument
     */
    public static Builder builder(Irreps irreps, NormalizedActivation activation) {
        if (irreps == null || activation == null) {
            throw new IllegalArgumentException("NormActivation: irreps and activation must not be null");
        }
        return new Builder(irreps, activation);
    }

    /**
     * Like {@link #builder(Irreps, NormalizedActivation)} with the activation used unscaled, as e3nn does.
     *
     * @param irreps the irreps the layer acts on
     * @param activation the nonlinearity, or null (rejected)
     * @return the builder
     * @throws IllegalArgumentException for a null argument
     */
    public static Builder builder(Irreps irreps, Activation activation) {
        return builder(irreps, activation == null ? null : NormalizedActivation.withConstant(activation, 1.0));
    }

    /**
     * A layer with e3nn's defaults from an irreps string.
     *
     * @param irreps the irreps, e.g. {@code "8x0e+8x1o"}
     * @param activation the nonlinearity applied to each copy's norm
     * @return the layer
     * @throws IllegalArgumentException for invalid irreps or a null activation
     */
    public static NormActivation of(String irreps, Activation activation) {
        return builder(Irreps.parse(irreps), activation).build();
    }

    /** Options of a {@link NormActivation}. */
    public static final class Builder {
        private final Irreps irreps;
        private final NormalizedActivation activation;
        private boolean normalize = true;
        private double epsilon = Double.NaN;
        private boolean epsilonGiven;
        private boolean bias;

        private Builder(Irreps irreps, NormalizedActivation activation) {
            this.irreps = irreps;
            this.activation = activation;
        }

        /**
         * Whether to divide by the norm (e3nn's {@code normalize}); default true.
         *
         * @param normalize true to divide by the norm
         * @return this builder
         */
        public Builder normalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * The clamp of the norm when normalizing (e3nn's {@code epsilon}); default 1e-8.
         *
         * @param epsilon the clamp, positive and finite
         * @return this builder
         */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            this.epsilonGiven = true;
            return this;
        }

        /**
         * Whether each copy has a learnable additive bias before the nonlinearity; default false.
         *
         * @param bias true for biases
         * @return this builder
         */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /**
         * The layer.
         *
         * @return the layer
         * @throws IllegalArgumentException for an epsilon without {@code normalize} or one that is not
         *                                  positive and finite
         */
        public NormActivation build() {
            if (!epsilonGiven) {
                return new NormActivation(this, normalize ? DEFAULT_EPSILON : 0);
            }
            if (!normalize) {
                throw new IllegalArgumentException("NormActivation: epsilon " + epsilon
                        + " given with normalize = false; the clamp only applies when normalizing");
            }
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("NormActivation: epsilon must be positive and finite, got "
                        + epsilon);
            }
            return new NormActivation(this, epsilon);
        }
    }

    /**
     * The input irreps.
     *
     * @return the irreps
     */
    public Irreps irrepsIn() {
        return irreps;
    }

    /**
     * The output irreps, equal to the input irreps.
     *
     * @return the irreps
     */
    public Irreps irrepsOut() {
        return irreps;
    }

    /**
     * The nonlinearity applied to each copy's norm.
     *
     * @return the activation with its constant
     */
    public NormalizedActivation activation() {
        return activation;
    }

    /**
     * Whether the input is divided by its norm (e3nn's {@code normalize}).
     *
     * @return true when normalizing
     */
    public boolean normalize() {
        return normalize;
    }

    /**
     * The clamp of the norm; 0 without {@code normalize}.
     *
     * @return ε, ≥ 0
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Number of biases: {@code irreps.num_irreps} with {@code bias(true)}, else 0.
     *
     * @return the bias count
     */
    public int biasNumel() {
        return biasNumel;
    }

    /**
     * Whether each copy has a bias ({@code bias(true)}).
     *
     * @return whether there are biases
     */
    public boolean hasBias() {
        return bias;
    }

    /**
     * Per irrep copy, in e3nn's order: its first component in a sample (a copy of the table).
     *
     * @return a new array, one offset per irrep copy
     */
    public int[] copyStart() {
        return copyStart.clone();
    }

    /**
     * Per irrep copy: its dimension {@code 2l+1} (a copy of the table).
     *
     * @return a new array, one dimension per irrep copy
     */
    public int[] copyDim() {
        return copyDim.clone();
    }

    /**
     * {@code out = NormActivation(x)} for {@code batch} samples.
     *
     * @param x    {@code batch · irreps.dim} inputs
     * @param bias {@link #biasNumel()} biases; may be null when there are none
     * @param out  {@code batch · irreps.dim}, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void forward(double[] x, double[] bias, double[] out, int batch) {
        checkForward(len(x), len(bias), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x);
        ArrayChecks.distinct(FORWARD, "out", out, "bias", bias);
        double[] b = this.bias ? bias : null;
        for (int s = 0; s < batch; s++) {
            arithmetic.forward(x, s * dim, b, out, s * dim);
        }
    }

    /**
     * Float32 version of {@link #forward(double[], double[], double[], int)}.
     *
     * @param x {@code batch · irreps.dim} inputs
     * @param bias {@link #biasNumel()} biases; may be null when there are none
     * @param out {@code batch · irreps.dim}, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void forward(float[] x, float[] bias, float[] out, int batch) {
        checkForward(len(x), len(bias), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x);
        ArrayChecks.distinct(FORWARD, "out", out, "bias", bias);
        Scratch s = scratch.acquire();
        try {
            double[] b = widenBias(bias, s);
            for (int i = 0; i < batch; i++) {
                Widening.widen(x, i * dim, s.x, dim);
                arithmetic.forward(s.x, 0, b, s.out, 0);
                Widening.narrow(s.out, out, i * dim, dim);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Gradients of {@code Σ out · gradOut} with respect to the input and the biases.
     *
     * @param x        {@code batch · irreps.dim} inputs of the forward pass
     * @param bias     the biases of the forward pass; may be null when there are none
     * @param gradOut  {@code batch · irreps.dim} gradients of the outputs
     * @param gradX    {@code batch · irreps.dim}, overwritten; not the same array as {@code x} or {@code gradOut}
     * @param gradBias {@link #biasNumel()}, summed over the batch and overwritten, or null when not wanted
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void backward(double[] x, double[] bias, double[] gradOut, double[] gradX, double[] gradBias,
                         int batch) {
        checkBackward(len(x), len(bias), len(gradOut), len(gradX), len(gradBias), batch);
        checkBackwardAliasing(x, bias, gradOut, gradX, gradBias);
        double[] b = this.bias ? bias : null;
        double[] gb = this.bias ? gradBias : null;
        if (gb != null) {
            Arrays.fill(gb, 0.0);
        }
        for (int s = 0; s < batch; s++) {
            arithmetic.backward(x, s * dim, b, gradOut, s * dim, gradX, s * dim, gb);
        }
    }

    /**
     * Float32 version of {@link #backward(double[], double[], double[], double[], double[], int)}.
     *
     * @param x {@code batch · irreps.dim} inputs of the forward pass
     * @param bias the biases of the forward pass; may be null when there are none
     * @param gradOut {@code batch · irreps.dim} gradients of the outputs
     * @param gradX {@code batch · irreps.dim}, overwritten; not the same array as {@code x} or {@code
     *     gradOut}
     * @param gradBias {@link #biasNumel()}, summed over the batch and overwritten, or null when not wanted
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void backward(float[] x, float[] bias, float[] gradOut, float[] gradX, float[] gradBias, int batch) {
        checkBackward(len(x), len(bias), len(gradOut), len(gradX), len(gradBias), batch);
        checkBackwardAliasing(x, bias, gradOut, gradX, gradBias);
        Scratch s = scratch.acquire();
        try {
            double[] b = widenBias(bias, s);
            double[] gb = this.bias && gradBias != null ? s.gradBias : null;
            if (gb != null) {
                Arrays.fill(gb, 0.0);
            }
            for (int i = 0; i < batch; i++) {
                Widening.widen(x, i * dim, s.x, dim);
                Widening.widen(gradOut, i * dim, s.out, dim);
                arithmetic.backward(s.x, 0, b, s.out, 0, s.gradX, 0, gb);
                Widening.narrow(s.gradX, gradX, i * dim, dim);
            }
            if (gb != null) {
                Widening.narrow(gb, gradBias, 0, gb.length);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * The output's tangent: the derivative of {@link #forward} along the input direction
     * {@code xTangent}, the biases held fixed.
     *
     * @param x          {@code batch · irreps.dim} inputs
     * @param bias       {@link #biasNumel()} biases; may be null when there are none
     * @param xTangent   {@code batch · irreps.dim} input tangent
     * @param outTangent {@code batch · irreps.dim}, overwritten; no input array
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void tangent(double[] x, double[] bias, double[] xTangent, double[] outTangent, int batch) {
        ArrayChecks.batch(TANGENT, batch);
        ArrayChecks.requiredRows(TANGENT, "x", len(x), batch, dim, "irreps.dim");
        checkBias(TANGENT, len(bias));
        ArrayChecks.requiredRows(TANGENT, "xTangent", len(xTangent), batch, dim, "irreps.dim");
        ArrayChecks.requiredRows(TANGENT, "outTangent", len(outTangent), batch, dim, "irreps.dim");
        ArrayChecks.distinct(TANGENT, "outTangent", outTangent, "x", x, "bias", bias, "xTangent", xTangent);
        double[] b = this.bias ? bias : null;
        NormActivationArithmetic.Terms terms = arithmetic.terms();
        for (int s = 0; s < batch; s++) {
            arithmetic.tangent(x, xTangent, s * dim, b, outTangent, s * dim, terms);
        }
    }

    /**
     * The tangents of {@link #backward}'s gradients when {@code x} moves along {@code xTangent} and
     * {@code gradOut} along {@code gradOutTangent} (biases fixed): {@code gradXTangent} and, summed over
     * the batch, {@code gradBiasTangent} (what a force loss needs to reach the biases).
     *
     * @param x               {@code batch · irreps.dim} inputs
     * @param bias            {@link #biasNumel()} biases; may be null when there are none
     * @param xTangent        {@code batch · irreps.dim} input tangent
     * @param gradOut         {@code batch · irreps.dim} output gradients given to {@link #backward}
     * @param gradOutTangent  {@code batch · irreps.dim} their tangent
     * @param gradXTangent    {@code batch · irreps.dim}, overwritten; no input array
     * @param gradBiasTangent {@link #biasNumel()}, overwritten, or null when not wanted; no input array
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void tangentBackward(double[] x, double[] bias, double[] xTangent, double[] gradOut,
                                double[] gradOutTangent, double[] gradXTangent, double[] gradBiasTangent, int batch) {
        ArrayChecks.batch(TANGENT_BACKWARD, batch);
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "x", len(x), batch, dim, "irreps.dim");
        checkBias(TANGENT_BACKWARD, len(bias));
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "xTangent", len(xTangent), batch, dim, "irreps.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradOut", len(gradOut), batch, dim, "irreps.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradOutTangent", len(gradOutTangent), batch, dim, "irreps.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradXTangent", len(gradXTangent), batch, dim, "irreps.dim");
        ArrayChecks.optional(TANGENT_BACKWARD, "gradBiasTangent", len(gradBiasTangent), biasNumel(), "biasNumel");
        checkTangentBackwardAliasing("gradXTangent", gradXTangent, x, bias, xTangent, gradOut, gradOutTangent);
        checkTangentBackwardAliasing("gradBiasTangent", gradBiasTangent, x, bias, xTangent, gradOut, gradOutTangent);
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradBiasTangent", gradBiasTangent, "gradXTangent", gradXTangent);
        double[] b = this.bias ? bias : null;
        double[] gb = this.bias ? gradBiasTangent : null;
        if (gb != null) {
            Arrays.fill(gb, 0.0);
        }
        NormActivationArithmetic.Terms terms = arithmetic.terms();
        for (int s = 0; s < batch; s++) {
            arithmetic.tangentBackward(x, xTangent, s * dim, b, gradOut, gradOutTangent, s * dim, gradXTangent, gb,
                    terms);
        }
    }

    private static void checkTangentBackwardAliasing(String name, Object output, Object x, Object bias,
                                                     Object xTangent, Object gradOut, Object gradOutTangent) {
        ArrayChecks.distinct(TANGENT_BACKWARD, name, output, "x", x, "bias", bias, "xTangent", xTangent);
        ArrayChecks.distinct(TANGENT_BACKWARD, name, output, "gradOut", gradOut);
        ArrayChecks.distinct(TANGENT_BACKWARD, name, output, "gradOutTangent", gradOutTangent);
    }

    private double[] widenBias(float[] bias, Scratch s) {
        if (!this.bias) {
            return null;
        }
        Widening.widen(bias, 0, s.bias, biasNumel);
        return s.bias;
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    /** Outputs are written while the inputs are still read: none may be an input. */
    private static void checkBackwardAliasing(Object x, Object bias, Object gradOut, Object gradX, Object gradBias) {
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "x", x, "bias", bias, "gradOut", gradOut);
        ArrayChecks.distinct(BACKWARD, "gradBias", gradBias, "x", x, "bias", bias, "gradOut", gradOut);
    }

    private void checkForward(int x, int bias, int out, int batch) {
        ArrayChecks.batch(FORWARD, batch);
        ArrayChecks.requiredRows(FORWARD, "x", x, batch, dim, "irreps.dim");
        checkBias(FORWARD, bias);
        ArrayChecks.requiredRows(FORWARD, "out", out, batch, dim, "irreps.dim");
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    private void checkBackward(int x, int bias, int gradOut, int gradX, int gradBias, int batch) {
        ArrayChecks.batch(BACKWARD, batch);
        ArrayChecks.requiredRows(BACKWARD, "x", x, batch, dim, "irreps.dim");
        checkBias(BACKWARD, bias);
        ArrayChecks.requiredRows(BACKWARD, "gradOut", gradOut, batch, dim, "irreps.dim");
        ArrayChecks.requiredRows(BACKWARD, "gradX", gradX, batch, dim, "irreps.dim");
        ArrayChecks.optional(BACKWARD, "gradBias", gradBias, biasNumel(), "biasNumel");
    }

    private void checkBias(String operation, int bias) {
        if (this.bias) {
            ArrayChecks.required(operation, "bias", bias, biasNumel(), "irreps.num_irreps");
        } else {
            ArrayChecks.optional(operation, "bias", bias, 0, "biasNumel (the layer has no bias)");
        }
    }

    @Override
    public String toString() {
        return "NormActivation(" + irreps + ", " + activation + (normalize ? ", normalize, eps=" + epsilon : "")
                + (bias ? ", bias" : "") + ")";
    }

    /** Per-thread double rows for the float32 path. */
    private static final class Scratch {
        final double[] x;
        final double[] out;
        final double[] gradX;
        final double[] bias;
        final double[] gradBias;

        Scratch(int dim, int copies) {
            x = new double[dim];
            out = new double[dim];
            gradX = new double[dim];
            bias = new double[copies];
            gradBias = new double[copies];
        }
    }
}
