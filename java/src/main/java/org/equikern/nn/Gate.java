package org.equikern.nn;

import org.equikern.concurrent.ScratchPool;
import static org.equikern.nn.ArrayChecks.len;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irreps;

/**
 * The gate nonlinearity, e3nn's {@code nn.Gate(irreps_scalars, act_scalars, irreps_gates, act_gates,
 * irreps_gated)}: scalars pass through their activations; each gated irrep copy is multiplied by
 * its gate passed through the gate activation. Activations are normalized to second moment 1
 * ({@link NormalizedActivation}); there is one per block of {@code irreps_scalars} and one per block
 * of {@code irreps_gates}, as in e3nn.
 *
 * <p>Conditions, checked at construction with e3nn's rules: scalars and gates have {@code l = 0};
 * the number of gates ({@code irreps_gates.num_irreps}) equals the number of gated copies; an odd
 * scalar ({@code 0o}) needs an odd or even activation (an odd one keeps {@code 0o}, an even one
 * gives {@code 0e}, and a gate's output parity multiplies the parity of the copies it gates).
 *
 * <p>The input and output layouts are e3nn's, described in {@link GateLayout}: the input is
 * {@code scalars ⊕ gates ⊕ gated} stably sorted by irrep ({@link #irrepsIn()}), the output is
 * {@code activated scalars ⊕ gated copies} ({@link #irrepsOut()}).
 *
 * <p>Arrays hold {@code batch} samples one after the other; all lengths are checked before any work
 * and outputs are overwritten. The float32 methods widen each sample exactly into per-thread double
 * scratch, run the float64 code and round once, so there is one implementation of the arithmetic
 * and no allocation after a thread's first call. Instances are immutable and thread-safe.
 *
 * <p><b>Second order.</b> {@link #tangent} and {@link #tangentBackward} (double only) are the
 * forward-mode derivatives of {@code forward} and {@code backward} along an input tangent, through the
 * activations' second derivatives: with them a model differentiates its reverse pass, as training on
 * forces needs.
 */
public final class Gate {
    private static final String FORWARD = "Gate.forward";
    private static final String BACKWARD = "Gate.backward";
    private static final String TANGENT = "Gate.tangent";
    private static final String TANGENT_BACKWARD = "Gate.tangentBackward";

    private final GateLayout layout;
    private final GateArithmetic arithmetic;
    private final ScratchPool<Scratch> scratch;

    private Gate(GateLayout layout) {
        this.layout = layout;
        this.arithmetic = new GateArithmetic(layout);
        this.scratch = new ScratchPool<>(() -> new Scratch(layout));
    }

    /**
     * A gate with explicitly normalized activations.
     *
     * @param scalars    irreps of the scalars (l = 0)
     * @param actScalars one activation per block of {@code scalars}
     * @param gates      irreps of the gates (l = 0), as many copies as {@code gated} has
     * @param actGates   one activation per block of {@code gates}
     * @param gated      irreps of the gated features
     * @return the gate
     * @throws IllegalArgumentException when e3nn's conditions are violated, with the reason
     */
    public static Gate of(Irreps scalars, List<NormalizedActivation> actScalars, Irreps gates,
                          List<NormalizedActivation> actGates, Irreps gated) {
        if (scalars == null || gates == null || gated == null) {
            throw new IllegalArgumentException("Gate: irreps_scalars, irreps_gates and irreps_gated must not be null");
        }
        return new Gate(GateLayout.of(scalars, actScalars, gates, actGates, gated));
    }

    /**
     * A gate from e3nn irreps strings, each activation normalized by its integrated constant
     * ({@link Activation#secondMomentConstant()}).
     *
     * @param scalars irreps of the scalars, e.g. {@code "16x0e"}
     * @param actScalars one activation per block of {@code scalars}
     * @param gates irreps of the gates (l = 0), as many copies as {@code gated} has
     * @param actGates one activation per block of {@code gates}
     * @param gated irreps of the gated features
     * @return the gate
     * @throws IllegalArgumentException when a string is not valid irreps or e3nn's conditions are violated
     */
    public static Gate of(String scalars, List<Activation> actScalars, String gates, List<Activation> actGates,
                          String gated) {
        return of(Irreps.parse(scalars), normalized(actScalars), Irreps.parse(gates), normalized(actGates),
                Irreps.parse(gated));
    }

    private static List<NormalizedActivation> normalized(List<Activation> activations) {
        if (activations == null) {
            return null;
        }
        List<NormalizedActivation> out = new ArrayList<>(activations.size());
        for (Activation a : activations) {
            out.add(a == null ? null : NormalizedActivation.of(a));
        }
        return out;
    }

    /**
     * The input irreps: e3nn's sorted and simplified {@code scalars + gates + gated}.
     *
     * @return the input irreps
     */
    public Irreps irrepsIn() {
        return layout.irrepsIn;
    }

    /**
     * The output irreps: the activated scalars, then the gated copies with their gates' parities.
     *
     * @return the output irreps
     */
    public Irreps irrepsOut() {
        return layout.irrepsOut;
    }

    /**
     * The flat per-channel tables a kernel needs.
     *
     * @return the layout
     */
    public GateLayout layout() {
        return layout;
    }

    /**
     * {@code out = Gate(x)} for {@code batch} samples.
     *
     * @param x   {@code batch · irrepsIn.dim} inputs
     * @param out {@code batch · irrepsOut.dim} outputs, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void forward(double[] x, double[] out, int batch) {
        checkForward(len(x), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x);
        for (int b = 0; b < batch; b++) {
            arithmetic.forward(x, b * layout.dimIn, out, b * layout.dimOut);
        }
    }

    /**
     * Float32 version of {@link #forward(double[], double[], int)}.
     *
     * @param x {@code batch · irrepsIn.dim} inputs
     * @param out {@code batch · irrepsOut.dim} outputs, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void forward(float[] x, float[] out, int batch) {
        checkForward(len(x), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x);
        Scratch s = scratch.acquire();
        try {
            for (int b = 0; b < batch; b++) {
                Widening.widen(x, b * layout.dimIn, s.x, layout.dimIn);
                arithmetic.forward(s.x, 0, s.out, 0);
                Widening.narrow(s.out, out, b * layout.dimOut, layout.dimOut);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * The gradient of {@code Σ out · gradOut} with respect to the input.
     *
     * @param x       {@code batch · irrepsIn.dim} inputs of the forward pass
     * @param gradOut {@code batch · irrepsOut.dim} gradients of the outputs
     * @param gradX   {@code batch · irrepsIn.dim}, overwritten; not the same array as {@code x} or {@code gradOut}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void backward(double[] x, double[] gradOut, double[] gradX, int batch) {
        checkBackward(len(x), len(gradOut), len(gradX), batch);
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "x", x);
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "gradOut", gradOut);
        for (int b = 0; b < batch; b++) {
            arithmetic.backward(x, b * layout.dimIn, gradOut, b * layout.dimOut, gradX, b * layout.dimIn);
        }
    }

    /**
     * Float32 version of {@link #backward(double[], double[], double[], int)}.
     *
     * @param x {@code batch · irrepsIn.dim} inputs of the forward pass
     * @param gradOut {@code batch · irrepsOut.dim} gradients of the outputs
     * @param gradX {@code batch · irrepsIn.dim}, overwritten; not the same array as {@code x} or {@code
     *     gradOut}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void backward(float[] x, float[] gradOut, float[] gradX, int batch) {
        checkBackward(len(x), len(gradOut), len(gradX), batch);
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "x", x);
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "gradOut", gradOut);
        Scratch s = scratch.acquire();
        try {
            for (int b = 0; b < batch; b++) {
                Widening.widen(x, b * layout.dimIn, s.x, layout.dimIn);
                Widening.widen(gradOut, b * layout.dimOut, s.out, layout.dimOut);
                arithmetic.backward(s.x, 0, s.out, 0, s.gradX, 0);
                Widening.narrow(s.gradX, gradX, b * layout.dimIn, layout.dimIn);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * The output's tangent: the derivative of {@link #forward} along the input direction {@code xTangent}.
     *
     * @param x          {@code batch · irrepsIn.dim} inputs
     * @param xTangent   {@code batch · irrepsIn.dim} input tangent
     * @param outTangent {@code batch · irrepsOut.dim}, overwritten; not {@code x} or {@code xTangent}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void tangent(double[] x, double[] xTangent, double[] outTangent, int batch) {
        ArrayChecks.batch(TANGENT, batch);
        ArrayChecks.requiredRows(TANGENT, "x", len(x), batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.requiredRows(TANGENT, "xTangent", len(xTangent), batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.requiredRows(TANGENT, "outTangent", len(outTangent), batch, layout.dimOut, "irrepsOut.dim");
        ArrayChecks.distinct(TANGENT, "outTangent", outTangent, "x", x);
        ArrayChecks.distinct(TANGENT, "outTangent", outTangent, "xTangent", xTangent);
        for (int b = 0; b < batch; b++) {
            arithmetic.tangent(x, xTangent, b * layout.dimIn, outTangent, b * layout.dimOut);
        }
    }

    /**
     * The tangent of {@link #backward}'s input gradient when {@code x} moves along {@code xTangent} and
     * {@code gradOut} along {@code gradOutTangent}: {@code ∂²<gradOut, out>/∂x² · xTangent + Jᵀ gradOutTangent},
     * the first term through the activations' second derivatives.
     *
     * @param x              {@code batch · irrepsIn.dim} inputs
     * @param xTangent       {@code batch · irrepsIn.dim} input tangent
     * @param gradOut        {@code batch · irrepsOut.dim} output gradients given to {@link #backward}
     * @param gradOutTangent {@code batch · irrepsOut.dim} their tangent
     * @param gradXTangent   {@code batch · irrepsIn.dim}, overwritten; no input array
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output that is an
     *     input
     */
    public void tangentBackward(double[] x, double[] xTangent, double[] gradOut, double[] gradOutTangent,
                                double[] gradXTangent, int batch) {
        ArrayChecks.batch(TANGENT_BACKWARD, batch);
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "x", len(x), batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "xTangent", len(xTangent), batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradOut", len(gradOut), batch, layout.dimOut, "irrepsOut.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradOutTangent", len(gradOutTangent), batch, layout.dimOut,
                "irrepsOut.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradXTangent", len(gradXTangent), batch, layout.dimIn,
                "irrepsIn.dim");
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradXTangent", gradXTangent, "x", x, "xTangent", xTangent,
                "gradOut", gradOut);
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradXTangent", gradXTangent, "gradOutTangent", gradOutTangent);
        for (int b = 0; b < batch; b++) {
            arithmetic.tangentBackward(x, xTangent, b * layout.dimIn, gradOut, gradOutTangent, b * layout.dimOut,
                    gradXTangent, b * layout.dimIn);
        }
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    private void checkForward(int x, int out, int batch) {
        ArrayChecks.batch(FORWARD, batch);
        ArrayChecks.requiredRows(FORWARD, "x", x, batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.requiredRows(FORWARD, "out", out, batch, layout.dimOut, "irrepsOut.dim");
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    private void checkBackward(int x, int gradOut, int gradX, int batch) {
        ArrayChecks.batch(BACKWARD, batch);
        ArrayChecks.requiredRows(BACKWARD, "x", x, batch, layout.dimIn, "irrepsIn.dim");
        ArrayChecks.requiredRows(BACKWARD, "gradOut", gradOut, batch, layout.dimOut, "irrepsOut.dim");
        ArrayChecks.requiredRows(BACKWARD, "gradX", gradX, batch, layout.dimIn, "irrepsIn.dim");
    }

    @Override
    public String toString() {
        return "Gate(" + layout.irrepsIn + " -> " + layout.irrepsOut + ")";
    }

    /** Per-thread double rows for the float32 path. */
    private static final class Scratch {
        final double[] x;
        final double[] out;
        final double[] gradX;

        Scratch(GateLayout layout) {
            x = new double[layout.dimIn];
            out = new double[layout.dimOut];
            gradX = new double[layout.dimIn];
        }
    }
}
