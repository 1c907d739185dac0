package org.equikern.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * e3nn's {@code nn.FullyConnectedNet(hs, act, variance_in, variance_out, out_act)}: the radial MLP of
 * NequIP and MACE, on a batch of rows, with its backward and the double backward force training needs.
 *
 * <p>Layer {@code l} maps rows {@code h_l} of width {@code hs[l]} to rows of width {@code hs[l+1]} with
 * a weight matrix {@code W_l} of shape {@code [hs[l], hs[l+1]]} and no bias:
 * <ul>
 *   <li>with the activation: {@code h_{l+1} = sqrt(vOut_l) · φ(z_l)}, {@code z_l = h_l W_l / sqrt(hs[l]·vIn_l)};
 *   <li>without (the last layer unless {@code outActivation}, or every layer when the activation is
 *       null): {@code h_{l+1} = h_l W_l / sqrt(hs[l]·vIn_l / vOut_l)}.
 * </ul>
 * {@code φ} is the activation normalized to unit second moment ({@link NormalizedActivation}, e3nn's
 * {@code normalize2mom}); {@code vIn_0 = varianceIn}, {@code vOut} of the last layer is
 * {@code varianceOut}, all others are 1 (e3nn's defaults: 1, 1, no output activation).
 *
 * <p>Weights are one flat array of {@link #weightCount()} values: the layers' matrices one after the
 * other ({@link #weightOffset(int)}), each row-major {@code [in, out]} as e3nn stores
 * {@code layer{l}.weight}, so e3nn's weights copy over unchanged. The net itself holds no weights and
 * is immutable; every call takes them, so an optimizer owns the one copy.
 *
 * <p>Use: {@link #forward} records what the gradients need in a {@link Forward} context;
 * {@link #backward} gives the gradients of {@code L = <gradOut, out>}; {@link #doubleBackward} the
 * gradients of {@code Q = <vX, gradX> + <vWeights, gradWeights>}, named as in
 * {@link org.equikern.tp.TrilinearDoubleBackward}. A caller that needs both the input gradient and the
 * double backward of one {@code gradOut} (force training) runs {@link #reverse} once and passes its
 * {@link Reverse} to {@link #doubleBackward(Reverse, double[], double[])}, so the reverse chain is not
 * run twice. All double precision, on the host.
 */
public final class FullyConnectedNet {
    /** The largest Java array this code allocates, as for device buffers. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final int[] hs;
    private final NormalizedActivation activation;
    private final double varianceIn;
    private final double varianceOut;
    private final boolean outActivation;
    private final int[] offsets;
    /** Per layer: whether φ is applied, the factor on {@code h W} and the factor on {@code φ(z)}. */
    private final boolean[] activated;
    private final double[] inScale;
    private final double[] outScale;

    private FullyConnectedNet(int[] hs, NormalizedActivation activation, double varianceIn, double varianceOut,
            boolean outActivation) {
        this.hs = checkedWidths(hs);
        this.activation = activation;
        this.varianceIn = checkedVariance("varianceIn", varianceIn);
        this.varianceOut = checkedVariance("varianceOut", varianceOut);
        this.outActivation = outActivation;
        int layers = this.hs.length - 1;
        offsets = new int[layers + 1];
        activated = new boolean[layers];
        inScale = new double[layers];
        outScale = new double[layers];
        long offset = 0;
        double vIn = varianceIn;
        for (int l = 0; l < layers; l++) {
            offsets[l] = (int) offset;
            offset += (long) this.hs[l] * this.hs[l + 1];
            if (offset > MAX_ELEMENTS) {
                throw new IllegalArgumentException("hs = " + Arrays.toString(hs) + ": the weights need more than "
                        + MAX_ELEMENTS + " elements, the limit of one array");
            }
            boolean last = l == layers - 1;
            double vOut = last ? varianceOut : 1;
            activated[l] = activation != null && (!last || outActivation);
            // e3nn divides W by (h_in·vIn)^0.5, or by (h_in·vIn/vOut)^0.5 when there is no activation.
            inScale[l] = 1 / Math.sqrt(activated[l] ? this.hs[l] * vIn : this.hs[l] * vIn / vOut);
            outScale[l] = Math.sqrt(vOut);
            vIn = vOut;
        }
        offsets[layers] = (int) offset;
    }

    /**
     * e3nn's {@code FullyConnectedNet(hs, act)}: the activation normalized by its integrated constant.
     *
     * @param hs the widths: input, hidden layers, output (at least two, each at least 1)
     * @param activation φ, or null for a linear net
     * @return the net, with variances 1 and no activation on the output
     * @throws IllegalArgumentException for widths out of range
     */
    public static FullyConnectedNet of(int[] hs, Activation activation) {
        return of(hs, activation == null ? null : NormalizedActivation.of(activation));
    }

    /**
     * e3nn's {@code FullyConnectedNet(hs, act)} with a given normalization (e.g. e3nn's Monte-Carlo one).
     *
     * @param hs the widths: input, hidden layers, output (at least two, each at least 1)
     * @param activation φ with its constant, or null for a linear net
     * @return the net, with variances 1 and no activation on the output
     * @throws IllegalArgumentException for widths out of range
     */
    public static FullyConnectedNet of(int[] hs, NormalizedActivation activation) {
        return of(hs, activation, 1, 1, false);
    }

    /**
     * e3nn's {@code FullyConnectedNet(hs, act, variance_in, variance_out, out_act)}.
     *
     * @param hs the widths: input, hidden layers, output (at least two, each at least 1)
     * @param activation φ, or null for a linear net (e3nn's {@code act=None})
     * @param varianceIn the expected second moment of the inputs (positive)
     * @param varianceOut the second moment the outputs are scaled to (positive)
     * @param outActivation whether the last layer applies φ too
     * @return the net
     * @throws IllegalArgumentException naming the bad argument and its value
     */
    public static FullyConnectedNet of(int[] hs, NormalizedActivation activation, double varianceIn,
            double varianceOut, boolean outActivation) {
        return new FullyConnectedNet(hs, activation, varianceIn, varianceOut, outActivation);
    }

    private static int[] checkedWidths(int[] hs) {
        if (hs == null || hs.length < 2) {
            throw new IllegalArgumentException("hs = " + Arrays.toString(hs)
                    + ": needs at least two widths (input and output)");
        }
        for (int i = 0; i < hs.length; i++) {
            if (hs[i] < 1) {
                throw new IllegalArgumentException("hs = " + Arrays.toString(hs) + ": hs[" + i + "] = " + hs[i]
                        + " must be >= 1");
            }
        }
        return hs.clone();
    }

    private static double checkedVariance(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " must be positive and finite");
        }
        return value;
    }

    /**
     * The widths: input, hidden layers, output.
     *
     * @return a new array
     */
    public int[] hs() {
        return hs.clone();
    }

    /**
     * φ, or null for a linear net.
     *
     * @return φ, or null
     */
    public NormalizedActivation activation() {
        return activation;
    }

    /**
     * The expected second moment of the inputs (e3nn's {@code variance_in}).
     *
     * @return the variance
     */
    public double varianceIn() {
        return varianceIn;
    }

    /**
     * The second moment the outputs are scaled to (e3nn's {@code variance_out}).
     *
     * @return the variance
     */
    public double varianceOut() {
        return varianceOut;
    }

    /**
     * Whether the last layer applies φ too (e3nn's {@code out_act}).
     *
     * @return whether the output is activated
     */
    public boolean outActivation() {
        return outActivation;
    }

    /**
     * The number of weight matrices, {@code hs.length - 1}.
     *
     * @return the layer count, ≥ 1
     */
    public int layerCount() {
        return hs.length - 1;
    }

    /**
     * {@code hs[0]}.
     *
     * @return the input width
     */
    public int inputDim() {
        return hs[0];
    }

    /**
     * {@code hs[hs.length - 1]}.
     *
     * @return the output width
     */
    public int outputDim() {
        return hs[hs.length - 1];
    }

    /**
     * The number of weights, {@code Σ_l hs[l]·hs[l+1]}.
     *
     * @return the weight count
     */
    public int weightCount() {
        return offsets[layerCount()];
    }

    /**
     * Where layer {@code l}'s {@code [hs[l], hs[l+1]]} block starts in the flat weights.
     *
     * @param layer the layer, 0 ≤ layer &lt; {@link #layerCount()}
     * @return the offset
     * @throws IndexOutOfBoundsException for another layer
     */
    public int weightOffset(int layer) {
        if (layer < 0 || layer >= layerCount()) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layerCount());
        }
        return offsets[layer];
    }

    /**
     * Weights drawn from N(0, 1) as e3nn initializes them ({@code torch.randn(h_in, h_out)} per layer):
     * {@code random.nextGaussian()} for each weight in the flat order (layer by layer, row-major). A
     * {@code new SplittableRandom(seed)} therefore gives the same weights for the same seed on a given
     * JDK; they are not torch's numbers for that seed.
     *
     * @param random the source of the weights
     * @return a new array of {@link #weightCount()} weights
     */
    public double[] initialWeights(SplittableRandom random) {
        double[] weights = new double[weightCount()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextGaussian();
        }
        return weights;
    }

    /**
     * Runs the net on {@code batch} rows.
     *
     * @param x {@code batch × hs[0]} inputs, row-major (copied)
     * @param weights {@link #weightCount()} weights (copied)
     * @param batch the number of rows, ≥ 0
     * @return the output rows and what {@link #backward} and {@link #doubleBackward} need
     * @throws IllegalArgumentException for a negative batch or wrongly sized arrays
     */
    public Forward forward(double[] x, double[] weights, int batch) {
        String op = "FullyConnectedNet.forward";
        ArrayChecks.batch(op, batch);
        checkActivationSize(batch);
        ArrayChecks.requiredRows(op, "x", ArrayChecks.len(x), batch, hs[0], "hs[0]");
        ArrayChecks.required(op, "weights", ArrayChecks.len(weights), weightCount(), "weightCount()");
        int layers = layerCount();
        double[][] inputs = new double[layers][];
        double[][] slopes = new double[layers][];
        double[][] curvatures = new double[layers][];
        double[] h = x.clone();
        for (int l = 0; l < layers; l++) {
            inputs[l] = h;
            double[] z = new double[batch * hs[l + 1]];
            RowMatrices.addProduct(h, batch, hs[l], weights, offsets[l], hs[l + 1], inScale[l], z);
            if (activated[l]) {
                h = new double[z.length];
                // Every gradient needs φ'(z), the double backward φ''(z): evaluated once here, where the
                // activation's costly part (SiLU's logistic) is at hand, not once per pass.
                double[] slope = new double[z.length];
                double[] curvature = new double[z.length];
                activation.valuesSlopesAndCurvatures(z, h, slope, curvature);
                for (int i = 0; i < z.length; i++) {
                    h[i] *= outScale[l];
                    slope[i] *= outScale[l];
                    curvature[i] *= outScale[l];
                }
                slopes[l] = slope;
                curvatures[l] = curvature;
            } else {
                h = z;
            }
        }
        return new Forward(this, batch, weights.clone(), inputs, slopes, curvatures, h);
    }

    /**
     * The gradients of {@code L = <gradOut, out>} with respect to the inputs and the weights.
     *
     * @param context from {@link #forward} of this net
     * @param gradOut {@code batch × hs[-1]}, the gradient of the loss with respect to the output
     * @return the gradients with respect to x ({@code batch × hs[0]}) and the weights
     * @throws IllegalArgumentException for a context of another net or a wrongly sized gradOut
     */
    public Gradients backward(Forward context, double[] gradOut) {
        double[] gradWeights = new double[weightCount()];
        double[] gradX = backward("FullyConnectedNet.backward", context, gradOut, gradWeights, null);
        return new Gradients(gradX, gradWeights);
    }

    /**
     * {@link #backward}'s gradient with respect to the inputs alone, without the weight gradients'
     * cost (the reverse pass for forces needs only this).
     *
     * @param context from {@link #forward} of this net
     * @param gradOut {@code batch × hs[-1]}, the gradient of the loss with respect to the output
     * @return {@code batch × hs[0]}
     */
    public double[] inputGradient(Forward context, double[] gradOut) {
        return reverse(context, gradOut).gradX();
    }

    /**
     * {@link #inputGradient}, keeping each layer's pre-activation gradient for
     * {@link #doubleBackward(Reverse, double[], double[])}.
     *
     * @param context from {@link #forward} of this net
     * @param gradOut {@code batch × hs[-1]}, the gradient of the loss with respect to the output (not copied:
     *     leave it unchanged while the result is in use)
     * @return the reverse pass; its {@link Reverse#gradX()} is the gradient with respect to x
     * @throws IllegalArgumentException for a context of another net or a wrongly sized gradOut
     */
    public Reverse reverse(Forward context, double[] gradOut) {
        return reverse("FullyConnectedNet.reverse", context, gradOut);
    }

    private Reverse reverse(String op, Forward context, double[] gradOut) {
        Reverse reverse = new Reverse(context, layerCount());
        reverse.gradX = backward(op, context, gradOut, null, reverse);
        return reverse;
    }

    /**
     * Runs the reverse chain from {@code gradOut}: returns the gradient on x, adds the weight gradients into
     * {@code gradWeights} unless it is null, and keeps each layer's output and pre-activation gradients in
     * {@code record} unless it is null.
     */
    private double[] backward(String op, Forward context, double[] gradOut, double[] gradWeights,
            Reverse record) {
        checkContext(op, context);
        int batch = context.batch;
        ArrayChecks.requiredRows(op, "gradOut", ArrayChecks.len(gradOut), batch, outputDim(), "hs[-1]");
        double[] g = gradOut;
        for (int l = layerCount() - 1; l >= 0; l--) {
            double[] delta = preActivationGradient(context, l, g);
            if (record != null) {
                record.outputGrads[l] = g;
                record.deltas[l] = delta;
            }
            if (gradWeights != null) {
                RowMatrices.addOuterSum(context.inputs[l], batch, hs[l], delta, hs[l + 1], inScale[l], gradWeights,
                        offsets[l]);
            }
            g = new double[batch * hs[l]];
            RowMatrices.addProductTransposed(delta, batch, hs[l + 1], context.weights, offsets[l], hs[l],
                    inScale[l], g);
        }
        return g;
    }

    /**
     * The double backward: the gradients of {@code Q = <vX, gradX> + <vWeights, gradWeights>}, where
     * {@code gradX} and {@code gradWeights} are {@link #backward}'s results for {@code gradOut}, with
     * respect to x, the weights and gradOut. For forces, {@code gradX} is (part of) −force, vX the
     * force-loss gradient on it, and vWeights null.
     *
     * <p>Since {@code (gradX, gradWeights)} is the gradient of {@code L = <gradOut, out>}, these are the
     * Hessian of L times the tangent {@code (vX, vWeights)} and, for gradOut, the output's tangent: one
     * forward-mode pass through the forward and the backward, exact (using φ'').
     *
     * @param context from {@link #forward} of this net
     * @param gradOut {@code batch × hs[-1]}, as given to {@link #backward}
     * @param vX {@code batch × hs[0]}, the upstream gradient on gradX; null counts as zero
     * @param vWeights {@link #weightCount()} values, the upstream gradient on gradWeights; null counts as zero
     * @return the gradients with respect to x, the weights and gradOut
     * @throws IllegalArgumentException for a context of another net or a wrongly sized array
     */
    public DoubleBackwardGradients doubleBackward(Forward context, double[] gradOut, double[] vX,
            double[] vWeights) {
        return doubleBackward(reverse("FullyConnectedNet.doubleBackward", context, gradOut), vX, vWeights);
    }

    /**
     * {@link #doubleBackward(Forward, double[], double[], double[])} for the {@code gradOut} of a reverse pass
     * already run, whose pre-activation gradients it reuses.
     *
     * @param reverse from {@link #reverse} of this net
     * @param vX {@code batch × hs[0]}, the upstream gradient on gradX; null counts as zero
     * @param vWeights {@link #weightCount()} values, the upstream gradient on gradWeights; null counts as zero
     * @return the gradients with respect to x, the weights and gradOut
     * @throws IllegalArgumentException for a reverse pass of another net or a wrongly sized array
     */
    public DoubleBackwardGradients doubleBackward(Reverse reverse, double[] vX, double[] vWeights) {
        String op = "FullyConnectedNet.doubleBackward";
        if (reverse == null) {
            throw new IllegalArgumentException(op + ": reverse must not be null");
        }
        Forward context = reverse.context;
        checkContext(op, context);
        int batch = context.batch;
        ArrayChecks.optionalRows(op, "vX", ArrayChecks.len(vX), batch, inputDim(), "hs[0]");
        ArrayChecks.optional(op, "vWeights", ArrayChecks.len(vWeights), weightCount(), "weightCount()");
        int layers = layerCount();
        double[] w = context.weights;
        // Forward tangents: dots[l] of layer l's input, zDots[l] of its pre-activation.
        double[][] dots = new double[layers + 1][];
        double[][] zDots = new double[layers][];
        dots[0] = vX != null ? vX : new double[batch * inputDim()];
        for (int l = 0; l < layers; l++) {
            double[] zDot = new double[batch * hs[l + 1]];
            RowMatrices.addProduct(dots[l], batch, hs[l], w, offsets[l], hs[l + 1], inScale[l], zDot);
            if (vWeights != null) {
                RowMatrices.addProduct(context.inputs[l], batch, hs[l], vWeights, offsets[l], hs[l + 1], inScale[l],
                        zDot);
            }
            zDots[l] = zDot;
            dots[l + 1] = activated[l] ? preActivationGradient(context, l, zDot) : zDot;
        }
        // Tangent of the backward: g is the gradient on layer l's output, gDot its tangent.
        double[] gradWeights = new double[weightCount()];
        double[] gDot = new double[batch * outputDim()];
        // gradOut is given, so its tangent is zero: until an activation's φ'' term enters, so are the
        // tangents below it, and their products are skipped (the output layer's are the widest).
        boolean gDotZero = true;
        for (int l = layers - 1; l >= 0; l--) {
            double[] g = reverse.outputGrads[l];
            double[] delta = reverse.deltas[l];
            double[] deltaDot = preActivationGradient(context, l, gDot);
            if (activated[l]) {
                double[] curvature = context.curvatures[l];
                for (int i = 0; i < curvature.length; i++) {
                    deltaDot[i] += curvature[i] * g[i] * zDots[l][i];
                }
            }
            boolean deltaDotZero = gDotZero && !activated[l];
            RowMatrices.addOuterSum(dots[l], batch, hs[l], delta, hs[l + 1], inScale[l], gradWeights, offsets[l]);
            double[] nextDot = new double[batch * hs[l]];
            if (!deltaDotZero) {
                RowMatrices.addOuterSum(context.inputs[l], batch, hs[l], deltaDot, hs[l + 1], inScale[l], gradWeights,
                        offsets[l]);
                RowMatrices.addProductTransposed(deltaDot, batch, hs[l + 1], w, offsets[l], hs[l], inScale[l],
                        nextDot);
            }
            if (vWeights != null) {
                RowMatrices.addProductTransposed(delta, batch, hs[l + 1], vWeights, offsets[l], hs[l], inScale[l],
                        nextDot);
            }
            gDot = nextDot;
            gDotZero = deltaDotZero && vWeights == null;
        }
        return new DoubleBackwardGradients(gDot, gradWeights, dots[layers]);
    }

    /**
     * The gradient on layer l's pre-activation {@code z_l} given {@code g} on its output:
     * {@code g·sqrt(vOut)·φ'(z)} with the activation, else g itself (no caller writes into the result, so
     * the widest layer's gradient is not copied). Also maps an input tangent on z to the output's tangent
     * (the same Jacobian, which is diagonal).
     */
    private double[] preActivationGradient(Forward context, int l, double[] g) {
        if (!activated[l]) {
            return g;
        }
        double[] slope = context.slopes[l];
        double[] out = new double[slope.length];
        for (int i = 0; i < slope.length; i++) {
            out[i] = g[i] * slope[i];
        }
        return out;
    }

    private void checkActivationSize(int batch) {
        for (int width : hs) {
            if ((long) batch * width > MAX_ELEMENTS) {
                throw new IllegalArgumentException("batch = " + batch + ": a layer of width " + width + " needs "
                        + (long) batch * width + " elements, above the limit " + MAX_ELEMENTS);
            }
        }
    }

    private void checkContext(String op, Forward context) {
        if (context == null) {
            throw new IllegalArgumentException(op + ": context must not be null");
        }
        if (context.net != this) {
            throw new IllegalArgumentException(op + ": context comes from another net's forward ("
                    + context.net + "), not from " + this);
        }
    }

    @Override
    public String toString() {
        return "FullyConnectedNet" + Arrays.toString(hs) + "(" + (activation == null ? "linear" : activation)
                + (varianceIn != 1 || varianceOut != 1 ? ", variances " + varianceIn + "/" + varianceOut : "")
                + (outActivation ? ", out_act" : "") + ")";
    }

    /**
     * What one {@link FullyConnectedNet#forward} computed and keeps for the gradients: copies of the
     * inputs and weights, each layer's input and its activation's first and second derivatives. The
     * gradients may be taken any number of times.
     */
    public static final class Forward {
        private final FullyConnectedNet net;
        private final int batch;
        private final double[] weights;
        private final double[][] inputs;
        /** Per activated layer {@code sqrt(vOut)·φ'(z)}, the diagonal Jacobian of its activation. */
        private final double[][] slopes;
        /** Per activated layer {@code sqrt(vOut)·φ''(z)}, for the double backward. */
        private final double[][] curvatures;
        private final double[] output;

        private Forward(FullyConnectedNet net, int batch, double[] weights, double[][] inputs, double[][] slopes,
                double[][] curvatures, double[] output) {
            this.net = net;
            this.batch = batch;
            this.weights = weights;
            this.inputs = inputs;
            this.slopes = slopes;
            this.curvatures = curvatures;
            this.output = output;
        }

        /**
         * The number of rows the forward ran on.
         *
         * @return the batch
         */
        public int batch() {
            return batch;
        }

        /**
         * The {@code batch × hs[-1]} output rows; the gradients do not read it, so the caller may reuse it.
         *
         * @return the output array (not a copy)
         */
        public double[] output() {
            return output;
        }
    }

    /**
     * One reverse pass ({@link FullyConnectedNet#reverse}): the gradient on the inputs, and each layer's
     * pre-activation gradient for the double backward of the same {@code gradOut}.
     */
    public static final class Reverse {
        private final Forward context;
        /** Per layer, the gradient on its output and on its pre-activation. */
        private final double[][] outputGrads;
        private final double[][] deltas;
        private double[] gradX;

        private Reverse(Forward context, int layers) {
            this.context = context;
            this.outputGrads = new double[layers][];
            this.deltas = new double[layers][];
        }

        /**
         * The {@code batch × hs[0]} gradient with respect to the inputs.
         *
         * @return the array (not a copy)
         */
        public double[] gradX() {
            return gradX;
        }

    }

    /**
     * The gradients of {@code L = <gradOut, out>}.
     *
     * @param gradX {@code batch × hs[0]}, with respect to the inputs
     * @param gradWeights {@link FullyConnectedNet#weightCount()} values, with respect to the flat weights
     */
    public record Gradients(double[] gradX, double[] gradWeights) {
    }

    /**
     * The gradients of {@code Q = <vX, gradX> + <vWeights, gradWeights>}.
     *
     * @param gradX {@code batch × hs[0]}, dQ/dx: for vWeights null, the Hessian of L in x times vX
     * @param gradWeights {@link FullyConnectedNet#weightCount()} values, dQ/dweights: the force loss's
     *     weight gradient
     * @param gradGradOut {@code batch × hs[-1]}, dQ/dgradOut: the output's tangent along (vX, vWeights)
     */
    public record DoubleBackwardGradients(double[] gradX, double[] gradWeights, double[] gradGradOut) {
    }
}
