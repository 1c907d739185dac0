package org.equikern.nn;

import org.equikern.concurrent.ScratchPool;
import static org.equikern.nn.ArrayChecks.len;

import java.util.Arrays;
import org.equikern.gemm.Float32Path;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * MACE's symmetric contraction: the correlation-order-ν product of a node's features with
 * themselves, channel by channel, projected onto target irreps with learned weights per element.
 *
 * <p><b>Definition.</b> The input irreps are {@code mul × (ir_1 + … + ir_k)}, given as blocks with one
 * common multiplicity, e.g. {@code 8x0e+8x1o+8x2e}; channel {@code u} is the vector
 * {@code x_u} of dimension {@code D = Σ (2l_i+1)} made of copy {@code u} of every block. The output
 * irreps have the same multiplicity, e.g. {@code 8x0e+8x1o}. For output block {@code o} with irrep
 * {@code L} and component {@code M},
 * <pre>
 *   out[b, o, u, M] = Σ_{n=1..ν} Σ_k w[elem(b), p(o, n, k), u]
 *                        · Σ_{i1…in} U^{n,L}_k[i1…in, M] · x_u[i1]⋯x_u[in]
 * </pre>
 * where {@code U^{n,L}_k} is path {@code k} of the {@link SymmetricPowerBasis} for order {@code n}
 * and target {@code L} (symmetric, equivariant, orthogonal, component-normalized; computed once
 * when the layer is built). Channels never mix. No further normalization is applied.
 *
 * <p><b>Weights</b> are {@code [numElements, pathCount, mul]}, row-major: element {@code e}'s paths
 * are numbered output block by output block, within a block by order 1..ν, then path {@code k};
 * {@link #pathOffset(int, int)} gives where each basis starts. MACE keeps one
 * {@code [elements, paths, mul]} tensor per (block, order); ours are those tensors' path ranges
 * within one array.
 *
 * <p><b>Arrays.</b> Features use e3nn's {@code mul_ir} layout, {@code batch} samples one after the
 * other; {@code elements[b]} is the element index of sample {@code b}, in {@code [0, numElements)}.
 * All lengths and element indices are checked before any work; errors name the array and its
 * expected and actual length, or the offending index. Outputs are overwritten, never accumulated into.
 *
 * <p><b>Second order.</b> {@link #tangent} and {@link #tangentBackward} (double only) are the
 * forward-mode derivatives of {@code forward} and {@code backward} along an input tangent: with them a
 * model differentiates its reverse pass, as training on forces needs.
 *
 * <p><b>Evaluation and precision.</b> Each sample is transposed into per-thread scratch
 * (component-major, channels innermost) and the symmetric tensors are contracted as sums of
 * monomials over sorted index tuples, in double. The float32 {@code forward} and {@code backward}
 * compute in float ({@link SymmetricContractionFloat32}: the same sums on float rows, groups of
 * channels in parallel, the weight gradient flushed into double every few samples and rounded
 * once); the system property {@code equikern.float32.widen=true} ({@link Float32Path}) makes them
 * widen the inputs exactly into the double scratch instead and round once on the way out.
 * Apart from the fork-join tasks of a float32 call that splits across threads, nothing is
 * allocated after a thread's first call in each precision. Instances are immutable and safe to
 * share between threads.
 */
public final class SymmetricContraction {
    private static final String FORWARD = "SymmetricContraction.forward";
    private static final String BACKWARD = "SymmetricContraction.backward";
    private static final String TANGENT = "SymmetricContraction.tangent";
    private static final String TANGENT_BACKWARD = "SymmetricContraction.tangentBackward";

    private final Irreps irrepsIn;
    private final Irreps irrepsOut;
    private final SymmetricContractionLayout layout;
    private final SymmetricContractionArithmetic arithmetic;
    private final SymmetricContractionSecondOrder secondOrder;
    private final ScratchPool<Scratch> scratch;
    private final SymmetricContractionFloat32 float32;

    private SymmetricContraction(Irreps irrepsIn, Irreps irrepsOut, int mul, int correlation, int numElements) {
        this.irrepsIn = irrepsIn;
        this.irrepsOut = irrepsOut;
        this.layout = new SymmetricContractionLayout(irrepsIn, irrepsOut, mul, correlation, numElements);
        this.arithmetic = new SymmetricContractionArithmetic(layout.tables, mul, layout.output.channelDim);
        this.secondOrder = new SymmetricContractionSecondOrder(layout.tables, mul, layout.output.channelDim);
        this.scratch = new ScratchPool<>(() -> new Scratch(layout));
        this.float32 = new SymmetricContractionFloat32(layout);
    }

    /**
     * A contraction of correlation order {@code correlation} with one weight set per element.
     *
     * @param irrepsIn    {@code mul × (ir_1 + … + ir_k)}: non-empty, every block with the same {@code mul ≥ 1}
     * @param irrepsOut   the targets: non-empty, every block with that same {@code mul}
     * @param correlation ν, 1 to 3
     * @param numElements number of element types, at least 1
     * @return the layer
     * @throws IllegalArgumentException naming the violated condition
     */
    public static SymmetricContraction of(Irreps irrepsIn, Irreps irrepsOut, int correlation, int numElements) {
        if (irrepsIn == null || irrepsOut == null) {
            throw new IllegalArgumentException("SymmetricContraction: irrepsIn and irrepsOut must not be null");
        }
        if (correlation < 1 || correlation > 3) {
            throw new IllegalArgumentException("SymmetricContraction: correlation must be in 1..3, got " + correlation);
        }
        if (numElements < 1) {
            throw new IllegalArgumentException("SymmetricContraction: numElements must be >= 1, got " + numElements);
        }
        if (irrepsIn.size() == 0 || irrepsOut.size() == 0) {
            throw new IllegalArgumentException("SymmetricContraction: irrepsIn and irrepsOut must be non-empty, got "
                    + irrepsIn + " -> " + irrepsOut);
        }
        int mul = irrepsIn.get(0).mul();
        if (mul < 1) {
            throw new IllegalArgumentException("SymmetricContraction: multiplicity must be >= 1, got irrepsIn "
                    + irrepsIn);
        }
        requireMul("irrepsIn", irrepsIn, mul);
        requireMul("irrepsOut", irrepsOut, mul);
        return new SymmetricContraction(irrepsIn, irrepsOut, mul, correlation, numElements);
    }

    /**
     * {@link #of(Irreps, Irreps, int, int)} from e3nn irreps strings.
     *
     * @param irrepsIn the input irreps, e.g. {@code "8x0e+8x1o"}
     * @param irrepsOut the output irreps
     * @param correlation ν, 1 to 3
     * @param numElements number of element types, at least 1
     * @return the layer
     * @throws IllegalArgumentException for invalid irreps or a violated condition
     */
    public static SymmetricContraction of(String irrepsIn, String irrepsOut, int correlation, int numElements) {
        return of(Irreps.parse(irrepsIn), Irreps.parse(irrepsOut), correlation, numElements);
    }

    private static void requireMul(String name, Irreps irreps, int mul) {
        for (MulIrrep block : irreps) {
            if (block.mul() != mul) {
                throw new IllegalArgumentException("SymmetricContraction: every block of " + name
                        + " must have multiplicity " + mul + " (that of irrepsIn's first block), got " + irreps);
            }
        }
    }

    /**
     * The input irreps, {@code mul × (ir_1 + … + ir_k)}.
     *
     * @return the irreps
     */
    public Irreps irrepsIn() {
        return irrepsIn;
    }

    /**
     * The output irreps, {@code mul × (L_1 + … + L_m)}.
     *
     * @return the irreps
     */
    public Irreps irrepsOut() {
        return irrepsOut;
    }

    /**
     * The correlation order ν.
     *
     * @return ν, 1 to 3
     */
    public int correlation() {
        return layout.correlation;
    }

    /**
     * Number of element types.
     *
     * @return the count
     */
    public int numElements() {
        return layout.numElements;
    }

    /**
     * The common multiplicity (number of channels).
     *
     * @return mul
     */
    public int mul() {
        return layout.mul;
    }

    /**
     * Number of paths of one element (and one channel): Σ over output blocks and orders of the basis sizes.
     *
     * @return the count
     */
    public int pathCount() {
        return layout.pathCount;
    }

    /**
     * Length of the weight vector, {@code numElements · pathCount · mul}.
     *
     * @return the count
     */
    public int weightNumel() {
        return layout.weightNumel;
    }

    /**
     * Where the paths of output block {@code block} and order {@code order} start among an element's
     * {@link #pathCount()} paths; they number {@code basis(block, order).pathCount()}.
     *
     * @param block the output block
     * @param order the order, 1..ν
     * @return the offset
     * @throws IndexOutOfBoundsException for a block or an order out of range
     */
    public int pathOffset(int block, int order) {
        checkBlockOrder(block, order);
        return layout.pathOffset[block][order - 1];
    }

    /**
     * The coupling tensors of output block {@code block} and order {@code order} (1..ν).
     *
     * @param block the output block
     * @param order the order, 1..ν
     * @return the basis
     * @throws IndexOutOfBoundsException for a block or an order out of range
     */
    public SymmetricPowerBasis basis(int block, int order) {
        checkBlockOrder(block, order);
        return layout.bases[block][order - 1];
    }

    /**
     * The monomials this layer sums, with the component layout of a sample, for device kernels.
     *
     * @return the monomials, built on each call
     */
    public ContractionMonomials monomials() {
        return new ContractionMonomials(layout.tables, layout.input, layout.output);
    }

    private void checkBlockOrder(int block, int order) {
        if (block < 0 || block >= irrepsOut.size() || order < 1 || order > layout.correlation) {
            throw new IndexOutOfBoundsException("(block " + block + ", order " + order + ") outside blocks [0, "
                    + irrepsOut.size() + ") and orders 1.." + layout.correlation);
        }
    }

    /**
     * {@code out = SymmetricContraction(x)} for {@code batch} samples.
     *
     * @param x        {@code batch · irrepsIn.dim} inputs
     * @param elements {@code batch} element indices in {@code [0, numElements)}
     * @param w        {@link #weightNumel()} weights
     * @param out      {@code batch · irrepsOut.dim} outputs, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array, an element out of range
     *     or an output that is an input
     */
    public void forward(double[] x, int[] elements, double[] w, double[] out, int batch) {
        checkForward(len(x), elements, len(w), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x);
        ArrayChecks.distinct(FORWARD, "out", out, "w", w);
        Scratch s = scratch.acquire();
        try {
            for (int b = 0; b < batch; b++) {
                layout.input.gather(x, b * layout.input.sampleDim, s.x);
                arithmetic.forward(s.x, w, elementOffset(elements[b]), s.y);
                layout.output.scatter(s.y, out, b * layout.output.sampleDim);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Float32 version of {@link #forward(double[], int[], double[], double[], int)}.
     *
     * @param x {@code batch · irrepsIn.dim} inputs
     * @param elements {@code batch} element indices in {@code [0, numElements)}
     * @param w {@link #weightNumel()} weights
     * @param out {@code batch · irrepsOut.dim} outputs, overwritten; not the same array as {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array, an element out of range
     *     or an output that is an input
     */
    public void forward(float[] x, int[] elements, float[] w, float[] out, int batch) {
        checkForward(len(x), elements, len(w), len(out), batch);
        ArrayChecks.distinct(FORWARD, "out", out, "x", x);
        ArrayChecks.distinct(FORWARD, "out", out, "w", w);
        if (!Float32Path.widened()) {
            float32.forward(x, elements, w, out, batch);
            return;
        }
        Scratch s = scratch.acquire();
        try {
            double[] wide = s.weights();
            Widening.widen(w, 0, wide, layout.weightNumel);
            for (int b = 0; b < batch; b++) {
                layout.input.gather(x, b * layout.input.sampleDim, s.x);
                arithmetic.forward(s.x, wide, elementOffset(elements[b]), s.y);
                layout.output.scatter(s.y, out, b * layout.output.sampleDim);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Gradients of {@code Σ out · gradOut} with respect to the inputs and the weights. Each
     * gradient array is overwritten; pass null for one that is not wanted.
     *
     * @param x        {@code batch · irrepsIn.dim} inputs of the forward pass
     * @param elements {@code batch} element indices in {@code [0, numElements)}
     * @param w        {@link #weightNumel()} weights
     * @param gradOut  {@code batch · irrepsOut.dim} gradients of the outputs
     * @param gradX    {@code batch · irrepsIn.dim}, or null; not the same array as {@code gradOut}
     * @param gradW    {@link #weightNumel()}, summed over the batch (zero for elements absent from it), or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array, an element out of range
     *     or an output that is an input
     */
    public void backward(double[] x, int[] elements, double[] w, double[] gradOut, double[] gradX, double[] gradW,
                         int batch) {
        checkBackward(len(x), elements, len(w), len(gradOut), len(gradX), len(gradW), batch);
        checkBackwardAliasing(x, w, gradOut, gradX, gradW);
        Scratch s = scratch.acquire();
        try {
            if (gradW != null) {
                Arrays.fill(gradW, 0.0);
            }
            double[] gx = gradX == null ? null : s.gradX;
            for (int b = 0; b < batch; b++) {
                int at = elementOffset(elements[b]);
                layout.input.gather(x, b * layout.input.sampleDim, s.x);
                layout.output.gather(gradOut, b * layout.output.sampleDim, s.y);
                arithmetic.backward(s.x, w, at, s.y, gx, s.x.length, gradW, at);
                if (gx != null) {
                    layout.input.scatter(gx, gradX, b * layout.input.sampleDim);
                }
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Float32 version of {@link #backward(double[], int[], double[], double[], double[], double[], int)};
     * the weight gradient is summed over the batch in double and rounded once.
     *
     * @param x {@code batch · irrepsIn.dim} inputs of the forward pass
     * @param elements {@code batch} element indices in {@code [0, numElements)}
     * @param w {@link #weightNumel()} weights
     * @param gradOut {@code batch · irrepsOut.dim} gradients of the outputs
     * @param gradX {@code batch · irrepsIn.dim}, or null; not the same array as {@code gradOut}
     * @param gradW {@link #weightNumel()}, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array, an element out of range
     *     or an output that is an input
     */
    public void backward(float[] x, int[] elements, float[] w, float[] gradOut, float[] gradX, float[] gradW,
                         int batch) {
        checkBackward(len(x), elements, len(w), len(gradOut), len(gradX), len(gradW), batch);
        checkBackwardAliasing(x, w, gradOut, gradX, gradW);
        if (!Float32Path.widened()) {
            float32.backward(x, elements, w, gradOut, gradX, gradW, batch);
            return;
        }
        Scratch s = scratch.acquire();
        try {
            double[] wide = s.weights();
            Widening.widen(w, 0, wide, layout.weightNumel);
            double[] gx = gradX == null ? null : s.gradX;
            double[] gw = gradW == null ? null : s.weightGradient();
            if (gw != null) {
                Arrays.fill(gw, 0.0);
            }
            for (int b = 0; b < batch; b++) {
                int at = elementOffset(elements[b]);
                layout.input.gather(x, b * layout.input.sampleDim, s.x);
                layout.output.gather(gradOut, b * layout.output.sampleDim, s.y);
                arithmetic.backward(s.x, wide, at, s.y, gx, s.x.length, gw, at);
                if (gx != null) {
                    layout.input.scatter(gx, gradX, b * layout.input.sampleDim);
                }
            }
            if (gw != null) {
                Widening.narrow(gw, gradW, 0, layout.weightNumel);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * The output's tangent {@code J(x)·xTangent}: the derivative of {@link #forward} along the input
     * direction {@code xTangent}, the weights held fixed. With {@link #tangentBackward} it is the
     * forward-mode half of a double backward (what training on forces needs).
     *
     * @param x          {@code batch · irrepsIn.dim} inputs
     * @param xTangent   {@code batch · irrepsIn.dim} input tangent
     * @param elements   {@code batch} element indices in {@code [0, numElements)}
     * @param w          {@link #weightNumel()} weights
     * @param outTangent {@code batch · irrepsOut.dim}, overwritten; no input array
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array, an element out of range
     *     or an output that is an input
     */
    public void tangent(double[] x, double[] xTangent, int[] elements, double[] w, double[] outTangent, int batch) {
        checkForward(len(x), elements, len(w), len(outTangent), batch);
        ArrayChecks.requiredRows(TANGENT, "xTangent", len(xTangent), batch, layout.input.sampleDim, "irrepsIn.dim");
        ArrayChecks.distinct(TANGENT, "outTangent", outTangent, "x", x, "xTangent", xTangent, "w", w);
        Scratch s = scratch.acquire();
        try {
            double[] xDot = s.inputTangent();
            for (int b = 0; b < batch; b++) {
                layout.input.gather(x, b * layout.input.sampleDim, s.x);
                layout.input.gather(xTangent, b * layout.input.sampleDim, xDot);
                secondOrder.tangent(s.x, xDot, w, elementOffset(elements[b]), s.y);
                layout.output.scatter(s.y, outTangent, b * layout.output.sampleDim);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * The tangents of {@link #backward}'s gradients when x moves along {@code xTangent} and
     * {@code gradOut} along {@code gradOutTangent} (weights fixed):
     * <pre>
     *   gradXTangent = ∂²&lt;gradOut, out&gt;/∂x² · xTangent + Jᵀ gradOutTangent
     *   gradWTangent = ∂/∂w &lt;gradOutTangent, out&gt; + ∂/∂w &lt;gradOut, J xTangent&gt;
     * </pre>
     * Both are overwritten (null for one not wanted); the weight part is summed over the batch.
     *
     * @param x              {@code batch · irrepsIn.dim} inputs
     * @param xTangent       {@code batch · irrepsIn.dim} input tangent
     * @param elements       {@code batch} element indices in {@code [0, numElements)}
     * @param w              {@link #weightNumel()} weights
     * @param gradOut        {@code batch · irrepsOut.dim} output gradients given to {@link #backward}
     * @param gradOutTangent {@code batch · irrepsOut.dim} their tangent
     * @param gradXTangent   {@code batch · irrepsIn.dim}, or null; no input array
     * @param gradWTangent   {@link #weightNumel()}, or null; no input array
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array, an element out of range
     *     or an output that is an input
     */
    public void tangentBackward(double[] x, double[] xTangent, int[] elements, double[] w, double[] gradOut,
                                double[] gradOutTangent, double[] gradXTangent, double[] gradWTangent, int batch) {
        checkBackward(len(x), elements, len(w), len(gradOut), len(gradXTangent), len(gradWTangent), batch);
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "xTangent", len(xTangent), batch, layout.input.sampleDim,
                "irrepsIn.dim");
        ArrayChecks.requiredRows(TANGENT_BACKWARD, "gradOutTangent", len(gradOutTangent), batch,
                layout.output.sampleDim, "irrepsOut.dim");
        checkTangentBackwardAliasing("gradXTangent", gradXTangent, x, xTangent, w, gradOut, gradOutTangent);
        checkTangentBackwardAliasing("gradWTangent", gradWTangent, x, xTangent, w, gradOut, gradOutTangent);
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradWTangent", gradWTangent, "gradXTangent", gradXTangent);
        Scratch s = scratch.acquire();
        try {
            double[] gw = gradWTangent == null ? s.weightGradient() : gradWTangent;
            Arrays.fill(gw, 0.0);
            double[] xDot = s.inputTangent();
            double[] gDot = s.outputTangent();
            for (int b = 0; b < batch; b++) {
                int at = elementOffset(elements[b]);
                layout.input.gather(x, b * layout.input.sampleDim, s.x);
                layout.input.gather(xTangent, b * layout.input.sampleDim, xDot);
                layout.output.gather(gradOut, b * layout.output.sampleDim, s.y);
                layout.output.gather(gradOutTangent, b * layout.output.sampleDim, gDot);
                arithmetic.backward(s.x, w, at, gDot, s.gradX, s.x.length, gw, at);
                secondOrder.addHessianTerms(s.x, xDot, w, at, s.y, s.gradX, gw, at);
                if (gradXTangent != null) {
                    layout.input.scatter(s.gradX, gradXTangent, b * layout.input.sampleDim);
                }
            }
        } finally {
            scratch.release(s);
        }
    }

    private int elementOffset(int element) {
        return element * layout.pathCount * layout.mul;
    }

    private static void checkTangentBackwardAliasing(String name, Object output, Object x, Object xTangent, Object w,
                                                     Object gradOut, Object gradOutTangent) {
        ArrayChecks.distinct(TANGENT_BACKWARD, name, output, "x", x, "xTangent", xTangent, "w", w);
        ArrayChecks.distinct(TANGENT_BACKWARD, name, output, "gradOut", gradOut, "gradOutTangent", gradOutTangent,
                "w", w);
    }

    /** Outputs are written while the inputs are still read: none may be an input. */
    private static void checkBackwardAliasing(Object x, Object w, Object gradOut, Object gradX, Object gradW) {
        ArrayChecks.distinct(BACKWARD, "gradX", gradX, "x", x, "w", w, "gradOut", gradOut);
        ArrayChecks.distinct(BACKWARD, "gradW", gradW, "x", x, "w", w, "gradOut", gradOut);
    }

    private void checkForward(int x, int[] elements, int w, int out, int batch) {
        ArrayChecks.batch(FORWARD, batch);
        ArrayChecks.requiredRows(FORWARD, "x", x, batch, layout.input.sampleDim, "irrepsIn.dim");
        checkElements(FORWARD, elements, batch);
        ArrayChecks.required(FORWARD, "w", w, layout.weightNumel, "weightNumel");
        ArrayChecks.requiredRows(FORWARD, "out", out, batch, layout.output.sampleDim, "irrepsOut.dim");
    }

    private void checkBackward(int x, int[] elements, int w, int gradOut, int gradX, int gradW, int batch) {
        ArrayChecks.batch(BACKWARD, batch);
        ArrayChecks.requiredRows(BACKWARD, "x", x, batch, layout.input.sampleDim, "irrepsIn.dim");
        checkElements(BACKWARD, elements, batch);
        ArrayChecks.required(BACKWARD, "w", w, layout.weightNumel, "weightNumel");
        ArrayChecks.requiredRows(BACKWARD, "gradOut", gradOut, batch, layout.output.sampleDim, "irrepsOut.dim");
        ArrayChecks.optionalRows(BACKWARD, "gradX", gradX, batch, layout.input.sampleDim, "irrepsIn.dim");
        ArrayChecks.optional(BACKWARD, "gradW", gradW, layout.weightNumel, "weightNumel");
    }

    private void checkElements(String operation, int[] elements, int batch) {
        ArrayChecks.required(operation, "elements", elements == null ? -1 : elements.length, batch, "batch");
        for (int b = 0; b < batch; b++) {
            if (elements[b] < 0 || elements[b] >= layout.numElements) {
                throw new IllegalArgumentException(operation + ": elements[" + b + "] = " + elements[b]
                        + " outside [0, numElements " + layout.numElements + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "SymmetricContraction(" + irrepsIn + " -> " + irrepsOut + " | correlation " + layout.correlation
                + ", " + layout.numElements + " elements, " + layout.pathCount + " paths, " + layout.weightNumel
                + " weights)";
    }

    /**
     * Per-thread double rows: the transposed sample, its output (or output gradient) and input
     * gradient; the widened weights and the weight gradient of the float32 methods, and the tangent
     * rows of the second-order methods, are created on a thread's first call that needs them.
     */
    private static final class Scratch {
        final double[] x;
        final double[] y;
        final double[] gradX;
        private final int weightNumel;
        private double[] w;
        private double[] gradW;
        private double[] xTangent;
        private double[] yTangent;

        Scratch(SymmetricContractionLayout layout) {
            x = new double[layout.input.channelDim * layout.mul];
            y = new double[layout.output.channelDim * layout.mul];
            gradX = new double[x.length];
            weightNumel = layout.weightNumel;
        }

        double[] weights() {
            if (w == null) {
                w = new double[weightNumel];
            }
            return w;
        }

        double[] weightGradient() {
            if (gradW == null) {
                gradW = new double[weightNumel];
            }
            return gradW;
        }

        double[] inputTangent() {
            if (xTangent == null) {
                xTangent = new double[x.length];
            }
            return xTangent;
        }

        double[] outputTangent() {
            if (yTangent == null) {
                yTangent = new double[y.length];
            }
            return yTangent;
        }
    }
}
