package org.equikern.nn;

import org.equikern.concurrent.ScratchPool;
import static org.equikern.nn.ArrayChecks.len;

import java.util.Arrays;
import org.equikern.gemm.Float32Path;
import org.equikern.group.Irreps;

/**
 * An O(3)-equivariant linear layer, e3nn's {@code o3.Linear(irreps_in, irreps_out)} with shared
 * weights passed in by the caller ({@code internal_weights=False}) and path normalization
 * "element".
 *
 * <p><b>Weights.</b> One block {@code [mul_in, mul_out]} (row-major) per pair (input block, output
 * block) with the same irrep, in e3nn's instruction order: for each input block, for each output
 * block. Blocks lie one after the other in that order ({@link #weightNumel()} in all). Output copy
 * {@code v} of an output block is {@code (1/√F) Σ_u w[u, v] · x_u} summed over the instructions into
 * that block, where {@code F} is the sum of their {@code mul_in}; output blocks that no input block
 * feeds are zero.
 *
 * <p><b>Biases</b> (only with {@link Builder#biases(boolean) biases(true)}, as e3nn's
 * {@code biases=True}): one bias per channel of each {@code 0e} output block, in output-block
 * order ({@link #biasNumel()} in all). Like e3nn, biases are added unscaled, after the normalized
 * weighted sum.
 *
 * <p><b>Arrays.</b> Feature arrays hold {@code batch} samples in e3nn's {@code mul_ir} layout, one
 * after the other. All lengths are checked before any work; errors name the array and its
 * expected and actual length. Outputs are overwritten, never accumulated into.
 *
 * <p><b>Precision.</b> The float32 methods compute in float32 ({@link LinearFloat32}): each path
 * is one register-blocked GEMM over the batch, products summed in float over the input channels,
 * the weight and bias gradients (sums over the batch) accumulated in double and rounded once.
 * Against the float64 methods on the same (float) inputs the results differ by a few float32
 * rounding errors of the largest term, about {@code 1e-6 · sqrt(channels)} relative to the output's
 * largest magnitude ({@code LinearFloat32Test} holds them to {@code 1e-5}). The system property
 * {@code equikern.float32.widen=true} ({@link org.equikern.gemm.Float32Path}) restores the widened
 * path: each sample widened exactly into per-thread scratch, run through the float64 code and
 * rounded once. Nothing is allocated after a thread's first call. Instances are immutable and
 * safe to share between threads.
 */
public final class Linear {
    private static final String FORWARD = "Linear.forward";
    private static final String BACKWARD = "Linear.backward";

    private final Irreps irrepsIn;
    private final Irreps irrepsOut;
    private final LinearLayout layout;
    private final LinearArithmetic arithmetic;
    private final LinearBatch batchArithmetic;
    private final LinearFloat32 float32;
    private final ScratchPool<Scratch> scratch;

    private Linear(Irreps irrepsIn, Irreps irrepsOut, boolean biases) {
        this.irrepsIn = irrepsIn;
        this.irrepsOut = irrepsOut;
        this.layout = LinearLayout.of(irrepsIn, irrepsOut, biases);
        this.arithmetic = new LinearArithmetic(layout);
        this.batchArithmetic = new LinearBatch(layout);
        this.float32 = new LinearFloat32(layout);
        this.scratch = new ScratchPool<>(() -> new Scratch(layout));
    }

    /**
     * A layer without biases.
     *
     * @param irrepsIn the input irreps
     * @param irrepsOut the output irreps
     * @return the layer
     * @throws IllegalArgumentException for null irreps or weights beyond one Java array
     */
    public static Linear of(Irreps irrepsIn, Irreps irrepsOut) {
        return builder(irrepsIn, irrepsOut).build();
    }

    /**
     * A layer without biases, from e3nn irreps strings.
     *
     * @param irrepsIn the input irreps, e.g. {@code "16x0e+8x1o"}
     * @param irrepsOut the output irreps
     * @return the layer
     * @throws IllegalArgumentException for invalid irreps or weights beyond one Java array
     */
    public static Linear of(String irrepsIn, String irrepsOut) {
        return of(Irreps.parse(irrepsIn), Irreps.parse(irrepsOut));
    }

    /**
     * A builder for a layer with options (biases).
     *
     * @param irrepsIn the input irreps
     * @param irrepsOut the output irreps
     * @return the builder
     */
    public static Builder builder(Irreps irrepsIn, Irreps irrepsOut) {
        return new Builder(irrepsIn, irrepsOut);
    }

    /** Options of a {@link Linear}. */
    public static final class Builder {
        private final Irreps irrepsIn;
        private final Irreps irrepsOut;
        private boolean biases;

        private Builder(Irreps irrepsIn, Irreps irrepsOut) {
            if (irrepsIn == null || irrepsOut == null) {
                throw new IllegalArgumentException("Linear: irrepsIn and irrepsOut must not be null");
            }
            this.irrepsIn = irrepsIn;
            this.irrepsOut = irrepsOut;
        }

        /**
         * Whether the {@code 0e} output blocks get biases (e3nn's {@code biases=True}); default false.
         *
         * @param biases true for biases
         * @return this builder
         */
        public Builder biases(boolean biases) {
            this.biases = biases;
            return this;
        }

        /**
         * The layer.
         *
         * @return the layer
         * @throws IllegalArgumentException for null irreps or weights beyond one Java array
         */
        public Linear build() {
            return new Linear(irrepsIn, irrepsOut, biases);
        }
    }

    /**
     * The input irreps.
     *
     * @return the irreps
     */
    public Irreps irrepsIn() {
        return irrepsIn;
    }

    /**
     * The output irreps.
     *
     * @return the irreps
     */
    public Irreps irrepsOut() {
        return irrepsOut;
    }

    /**
     * Length of the weight vector.
     *
     * @return the weight count
     */
    public int weightNumel() {
        return layout.weightNumel;
    }

    /**
     * Length of the bias vector (0 without biases).
     *
     * @return the bias count
     */
    public int biasNumel() {
        return layout.biasNumel;
    }

    /**
     * The flat tables a kernel needs (offsets, multiplicities, weight offsets, scales).
     *
     * @return the layout
     */
    public LinearLayout layout() {
        return layout;
    }

    /**
     * {@code out = Linear(x)} for {@code batch} samples.
     *
     * @param x    {@code batch · irrepsIn.dim} inputs
     * @param w    {@link #weightNumel()} weights, shared by all samples
     * @param bias {@link #biasNumel()} biases; may be null when there are none
     * @param out  {@code batch · irrepsOut.dim} outputs, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void forward(double[] x, double[] w, double[] bias, double[] out, int batch) {
        checkForward(len(x), len(w), len(bias), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x, "w", w, "bias", bias);
        batchArithmetic.forward(x, w, bias, out, batch);
    }

    /**
     * Float32 version of {@link #forward(double[], double[], double[], double[], int)} (see the class's precision
     * note).
     *
     * @param x {@code batch · irrepsIn.dim} inputs
     * @param w {@link #weightNumel()} weights, shared by all samples
     * @param bias {@link #biasNumel()} biases; may be null when there are none
     * @param out {@code batch · irrepsOut.dim} outputs, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void forward(float[] x, float[] w, float[] bias, float[] out, int batch) {
        checkForward(len(x), len(w), len(bias), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x, "w", w, "bias", bias);
        if (!Float32Path.widened()) {
            float32.forward(x, w, bias, out, batch);
            return;
        }
        Scratch s = scratch.acquire();
        try {
            Widening.widen(w, 0, s.w, layout.weightNumel);
            if (layout.biasNumel > 0) {
                Widening.widen(bias, 0, s.bias, layout.biasNumel);
            }
            for (int b = 0; b < batch; b++) {
                Widening.widen(x, b * layout.dimIn, s.x, layout.dimIn);
                arithmetic.forward(s.x, 0, s.w, s.bias, s.out, 0);
                Widening.narrow(s.out, out, b * layout.dimOut, layout.dimOut);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Gradients of {@code Σ out · gradOut} with respect to the inputs, the weights and the biases.
     * Each gradient array is overwritten; pass null for one that is not wanted.
     *
     * @param x        {@code batch · irrepsIn.dim} inputs of the forward pass
     * @param w        {@link #weightNumel()} weights
     * @param gradOut  {@code batch · irrepsOut.dim} gradients of the outputs
     * @param gradX    {@code batch · irrepsIn.dim}, or null; not the same array as {@code gradOut}
     * @param gradW    {@link #weightNumel()}, summed over the batch, or null
     * @param gradBias {@link #biasNumel()}, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void backward(double[] x, double[] w, double[] gradOut, double[] gradX, double[] gradW,
                         double[] gradBias, int batch) {
        checkBackward(len(x), len(w), len(gradOut), len(gradX), len(gradW), len(gradBias), batch);
        checkBackwardAliasing(x, w, gradOut, gradX, gradW, gradBias);
        if (gradW != null) {
            Arrays.fill(gradW, 0.0);
        }
        if (gradBias != null) {
            Arrays.fill(gradBias, 0.0);
        }
        batchArithmetic.backward(x, w, gradOut, gradX, gradW, gradBias, batch);
    }

    /**
     * Float32 version of {@link #backward(double[], double[], double[], double[], double[], double[], int)};
     * the sums over the batch are accumulated in double and rounded once (see the class's precision note).
     *
     * @param x {@code batch · irrepsIn.dim} inputs of the forward pass
     * @param w {@link #weightNumel()} weights
     * @param gradOut {@code batch · irrepsOut.dim} gradients of the outputs
     * @param gradX {@code batch · irrepsIn.dim}, or null; not the same array as {@code gradOut}
     * @param gradW {@link #weightNumel()}, summed over the batch, or null
     * @param gradBias {@link #biasNumel()}, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void backward(float[] x, float[] w, float[] gradOut, float[] gradX, float[] gradW, float[] gradBias,
                         int batch) {
        checkBackward(len(x), len(w), len(gradOut), len(gradX), len(gradW), len(gradBias), batch);
        checkBackwardAliasing(x, w, gradOut, gradX, gradW, gradBias);
        if (!Float32Path.widened()) {
            float32.backward(x, w, gradOut, gradX, gradW, gradBias, batch);
            return;
        }
        Scratch s = scratch.acquire();
        try {
            Widening.widen(w, 0, s.w, layout.weightNumel);
            Arrays.fill(s.gradW, 0.0);
            Arrays.fill(s.gradBias, 0.0);
            double[] gx = gradX == null ? null : s.gradX;
            double[] gw = gradW == null ? null : s.gradW;
            double[] gb = gradBias == null ? null : s.gradBias;
            for (int b = 0; b < batch; b++) {
                Widening.widen(x, b * layout.dimIn, s.x, layout.dimIn);
                Widening.widen(gradOut, b * layout.dimOut, s.out, layout.dimOut);
                arithmetic.backward(s.x, 0, s.w, s.out, 0, gx, 0, gw, gb);
                if (gx != null) {
                    Widening.narrow(gx, gradX, b * layout.dimIn, layout.dimIn);
                }
            }
            if (gw != null) {
                Widening.narrow(gw, gradW, 0, layout.weightNumel);
            }
            if (gb != null) {
                Widening.narrow(gb, gradBias, 0, layout.biasNumel);
            }
        } finally {
            scratch.release(s);
        }
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    /** Outputs are written while the inputs are still read: none may be an input. */
    private static void checkBackwardAliasing(Object x, Object w, Object gradOut, Object gradX, Object gradW,
                                              Object gradBias) {
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "x", x, "w", w, "gradOut", gradOut);
        ArrayChecks.distinct(BACKWARD, "gradW", gradW, "x", x, "w", w, "gradOut", gradOut);
        ArrayChecks.distinct(BACKWARD, "gradBias", gradBias, "x", x, "w", w, "gradOut", gradOut);
    }

    private void checkForward(int x, int w, int bias, int out, int batch) {
        ArrayChecks.batch(FORWARD, batch);
        ArrayChecks.requiredRows(FORWARD, "x", x, batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.required(FORWARD, "w", w, layout.weightNumel, "weightNumel");
        if (layout.biasNumel > 0) {
            ArrayChecks.required(FORWARD, "bias", bias, layout.biasNumel, "biasNumel");
        } else {
            ArrayChecks.optional(FORWARD, "bias", bias, 0, "biasNumel (no biases)");
        }
        ArrayChecks.requiredRows(FORWARD, "out", out, batch, layout.dimOut, "irrepsOut.dim");
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    private void checkBackward(int x, int w, int gradOut, int gradX, int gradW, int gradBias, int batch) {
        ArrayChecks.batch(BACKWARD, batch);
        ArrayChecks.requiredRows(BACKWARD, "x", x, batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.required(BACKWARD, "w", w, layout.weightNumel, "weightNumel");
        ArrayChecks.requiredRows(BACKWARD, "gradOut", gradOut, batch, layout.dimOut, "irrepsOut.dim");
        ArrayChecks.optionalRows(BACKWARD, "gradX", gradX, batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.optional(BACKWARD, "gradW", gradW, layout.weightNumel, "weightNumel");
        ArrayChecks.optional(BACKWARD, "gradBias", gradBias, layout.biasNumel, "biasNumel");
    }

    @Override
    public String toString() {
        return "Linear(" + irrepsIn + " -> " + irrepsOut + " | " + layout.weightNumel + " weights, "
                + layout.biasNumel + " biases)";
    }

    /** Per-thread double rows for the widened float32 path. */
    private static final class Scratch {
        final double[] x;
        final double[] out;
        final double[] w;
        final double[] bias;
        final double[] gradX;
        final double[] gradW;
        final double[] gradBias;

        Scratch(LinearLayout layout) {
            x = new double[layout.dimIn];
            out = new double[layout.dimOut];
            w = new double[layout.weightNumel];
            bias = new double[layout.biasNumel];
            gradX = new double[layout.dimIn];
            gradW = new double[layout.weightNumel];
            gradBias = new double[layout.biasNumel];
        }
    }
}
