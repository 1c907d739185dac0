package org.equikern.ops.tensorproduct;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.OpLifecycle;
import org.equikern.device.Summation;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.Backends;
import org.equikern.ops.layout.LayoutAdapter;
import org.equikern.tp.Plan;

import java.util.Objects;

/**
 * A compiled {@link Plan} bound to one device: tensor-product forward and backward on buffers of
 * that device, in FLOAT32 or FLOAT64 (every buffer of a call has the same dtype). Obtain one with
 * {@link #on(Device, Plan)} and close it to free the device-side tables.
 *
 * <p>Layouts are e3nn's: {@code x1} is {@code batch × dim1}, {@code x2} {@code batch × dim2},
 * {@code out} {@code batch × dimOut}, weights {@code weightNumel} (shared) or
 * {@code batch × weightNumel} (per sample). Outputs are overwritten. Every argument is checked
 * before anything runs on the device. Irreps buffers (inputs, outputs and their gradients) may
 * instead be in cuEquivariance's {@code ir_mul} layout, chosen at
 * {@link #on(Device, Plan, IrrepsLayout)}; weights are the same in both.
 *
 * <p>Thread-safe: calls from several threads may run at once and give the results each would give
 * alone. {@link #close()} refuses new calls, waits for those in flight, then frees the tables.
 */
public abstract class TensorProductOp extends OpLifecycle {
    private static final String ON = "TensorProductOp.on";
    private static final String FORWARD = "TensorProductOp.forward";
    private static final String BACKWARD = "TensorProductOp.backward";
    private static final String CONVOLVE = "TensorProductOp.convolve";
    private static final String CONVOLVE_BACKWARD = "TensorProductOp.convolveBackward";
    private static final String DOUBLE_BACKWARD = "TensorProductOp.doubleBackward";
    private static final String CONVOLVE_DOUBLE_BACKWARD = "TensorProductOp.convolveDoubleBackward";

    private final Plan plan;
    private final String name;
    private final IrrepsLayout layout;

    /**
     * For backends: the op of {@code plan} on {@code device}.
     *
     * @param device the device
     * @param plan the plan
     * @throws IllegalStateException when the device is closed
     */
    protected TensorProductOp(Device device, Plan plan) {
        this(device, plan, IrrepsLayout.MUL_IR);
    }

    /**
     * For layout adapters and backends that index other layouts natively: the op of {@code plan}
     * on {@code device} whose irreps buffers are in {@code layout}.
     *
     * @param device the device
     * @param plan the plan
     * @param layout the layout of irreps buffers, not null
     * @throws IllegalStateException when the device is closed
     */
    protected TensorProductOp(Device device, Plan plan, IrrepsLayout layout) {
        super(device, () -> name(plan, device));
        this.plan = plan;
        this.name = name(plan, device);
        this.layout = Objects.requireNonNull(layout, "layout");
        checkDeviceOpen(ON);
    }

    /**
     * Compiles {@code plan} for {@code device}: its kernels and tables on a GPU backend, its
     * specialized Java code on the {@code java} device.
     *
     * @param device the device
     * @param plan the plan
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when the device's backend has no tensor product
     * @throws IllegalStateException when the device is closed
     */
    public static TensorProductOp on(Device device, Plan plan) {
        Objects.requireNonNull(plan, "plan");
        return Backends.select(device, ON, java -> new JavaTensorProductOp(java, plan),
                kernel -> new KernelTensorProductOp(kernel, kernel, plan));
    }

    /**
     * Compiles {@code plan} for {@code device}, taking and giving irreps buffers ({@code x1},
     * {@code x2}, {@code out}, the node features and edge attributes of a convolution, and their
     * gradients) in {@code layout}. The generated GPU kernels index {@code ir_mul} rows
     * themselves; the Java backend and the table kernels compute in {@code mul_ir}, and for
     * {@code ir_mul} the op converts on the device around each call ({@link LayoutAdapter}).
     *
     * @param device the device
     * @param plan the plan
     * @param layout the layout of irreps buffers
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when the device's backend has no tensor product, or the layout is null
     * @throws IllegalStateException when the device is closed
     */
    public static TensorProductOp on(Device device, Plan plan, IrrepsLayout layout) {
        if (layout == null) throw new IllegalArgumentException(ON + ": layout must not be null");
        if (layout == IrrepsLayout.MUL_IR) return on(device, plan);
        Objects.requireNonNull(plan, "plan");
        return Backends.select(device, ON,
                java -> new LayoutConvertingTensorProductOp(new JavaTensorProductOp(java, plan), layout),
                kernel -> KernelTensorProductOp.inLayout(kernel, kernel, plan, layout));
    }

    /**
     * The layout of this op's irreps buffers.
     *
     * @return {@code mul_ir} unless chosen otherwise at {@link #on(Device, Plan, IrrepsLayout)}
     */
    public final IrrepsLayout layout() {
        return layout;
    }

    private static String name(Plan plan, Device device) {
        return "TensorProductOp(" + plan.spec().irrepsIn1() + " x " + plan.spec().irrepsIn2() + " -> "
                + plan.spec().irrepsOut() + ") on " + device.name();
    }

    /**
     * The plan this op runs.
     *
     * @return the plan
     */
    public final Plan plan() {
        return plan;
    }

    /**
     * For messages: {@code TensorProductOp(in1 x in2 -> out) on device}.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * {@code out = TP(x1, x2, weights)}.
     *
     * @param x1 {@code [batch, dim1]}, FLOAT32 or FLOAT64
     * @param x2 {@code [batch, dim2]}, same dtype
     * @param weights may be null when the plan has no weights
     * @param out {@code [batch, dimOut]}, same dtype, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer out, int batch) {
        checkOpen(FORWARD);
        DType dtype = checkInputs(x1, x2, weights, batch);
        checkOutput("out", out, dtype, (long) batch * plan.dimOut(), x1, x2, weights);
        if (batch > 0) run(FORWARD, () -> runForward(x1, x2, weights, out, batch));
    }

    /**
     * Gradients of {@code Σ out · gradOut} with respect to x1, x2 and the weights (summed over the
     * batch for shared weights). A null gradient buffer is not computed.
     *
     * @param x1 {@code [batch, dim1]}, FLOAT32 or FLOAT64
     * @param x2 {@code [batch, dim2]}, same dtype
     * @param weights {@code [weightNumel]} when shared, else {@code [batch, weightNumel]}; null when the plan
     *     has none
     * @param gradOut {@code [batch, dimOut]}
     * @param gradX1 {@code [batch, dim1]}, overwritten, or null
     * @param gradX2 {@code [batch, dim2]}, overwritten, or null
     * @param gradWeights the shape of {@code weights}, overwritten, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch) {
        checkOpen(BACKWARD);
        DType dtype = checkInputs(x1, x2, weights, batch);
        checkInput("gradOut", gradOut, dtype, (long) batch * plan.dimOut());
        DeviceBuffer[] inputs = {x1, x2, weights, gradOut};
        if (gradX1 != null) checkOutput("gradX1", gradX1, dtype, (long) batch * plan.dim1(), inputs);
        if (gradX2 != null) checkOutput("gradX2", gradX2, dtype, (long) batch * plan.dim2(), inputs);
        if (gradWeights != null) {
            checkOutput("gradWeights", gradWeights, dtype, weightLength(batch), inputs);
        }
        if (gradX1 != null && (gradX1 == gradX2 || gradX1 == gradWeights)
                || gradX2 != null && gradX2 == gradWeights) {
            throw new IllegalArgumentException("gradient outputs must be distinct buffers");
        }
        run(BACKWARD, () -> runBackward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch));
    }

    /**
     * Fused equivariant convolution: {@code out[n] = Σ_{e : dst(e) = n} TP(x[src(e)], edgeAttrs[e],
     * edgeWeights[e])} without materializing per-edge outputs (memory beyond inputs and outputs
     * does not grow with the number of edges). {@code x} is {@code nodes × dim1}, {@code edgeAttrs}
     * (usually the edges' spherical harmonics) {@code edges × dim2}, weights per edge
     * ({@code edges × weightNumel}) or shared, {@code out} {@code nodes × dimOut} (overwritten).
     *
     * @param x the node features
     * @param edgeAttrs the edge attributes
     * @param edgeWeights the edge weights, or null when the plan has none
     * @param graph the edges, on this op's device
     * @param out the node outputs
     * @param summation how edges are summed into nodes
     * @throws IllegalArgumentException for a graph or buffer of another device, a wrong dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device, the graph or a buffer is closed
     */
    public final void convolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights, DeviceGraph graph,
            DeviceBuffer out, Summation summation) {
        checkOpen(CONVOLVE);
        DType dtype = checkConvolutionInputs(x, edgeAttrs, edgeWeights, graph);
        checkOutput("out", out, dtype, (long) graph.nodes() * plan.dimOut(), x, edgeAttrs, edgeWeights);
        run(CONVOLVE, () -> runConvolve(x, edgeAttrs, edgeWeights, graph, out, summation));
    }

    /**
     * Gradients of {@code Σ out · gradOut} of {@link #convolve}: with respect to the node features
     * (summed over each node's outgoing edges, in edge order), the edge attributes and the edge
     * weights (summed over edges when shared). A null gradient buffer is not computed.
     *
     * @param x the node features of the forward pass, {@code nodes × dim1}
     * @param edgeAttrs the edge attributes, {@code edges × dim2}
     * @param edgeWeights the edge weights, or null when the plan has none
     * @param graph the edges, on this op's device
     * @param gradOut {@code nodes × dimOut}
     * @param gradX {@code nodes × dim1}, overwritten, or null
     * @param gradEdgeAttrs {@code edges × dim2}, overwritten, or null
     * @param gradEdgeWeights the shape of {@code edgeWeights}, overwritten, or null
     * @throws IllegalArgumentException for a graph or buffer of another device, a wrong dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device, the graph or a buffer is closed
     */
    public final void convolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights) {
        checkOpen(CONVOLVE_BACKWARD);
        DType dtype = checkConvolutionInputs(x, edgeAttrs, edgeWeights, graph);
        int nodes = graph.nodes();
        int edges = graph.edgeCount();
        checkInput("gradOut", gradOut, dtype, (long) nodes * plan.dimOut());
        DeviceBuffer[] inputs = {x, edgeAttrs, edgeWeights, gradOut};
        if (gradX != null) checkOutput("gradX", gradX, dtype, (long) nodes * plan.dim1(), inputs);
        if (gradEdgeAttrs != null) checkOutput("gradEdgeAttrs", gradEdgeAttrs, dtype, (long) edges * plan.dim2(), inputs);
        if (gradEdgeWeights != null) {
            checkOutput("gradEdgeWeights", gradEdgeWeights, dtype, weightLength(edges), inputs);
        }
        if (gradX != null && (gradX == gradEdgeAttrs || gradX == gradEdgeWeights)
                || gradEdgeAttrs != null && gradEdgeAttrs == gradEdgeWeights) {
            throw new IllegalArgumentException("gradient outputs must be distinct buffers");
        }
        run(CONVOLVE_BACKWARD, () -> runConvolveBackward(x, edgeAttrs, edgeWeights, graph, gradOut, gradX,
                gradEdgeAttrs, gradEdgeWeights));
    }

    /**
     * The double backward of {@link #backward}, as training on forces needs: the derivatives of
     * {@code Q = <v1, gradX1> + <v2, gradX2> + <vWeights, gradWeights>} (the backward's outputs
     * at {@code gradOut}) with respect to x1, x2, the weights and gradOut, with the algebra of
     * {@link org.equikern.tp.TrilinearDoubleBackward}. A null tangent counts as zero; a null
     * output is not computed. On the generated kernels it runs fused (one launch per output); the
     * table path and the Java device compose forward and backward calls.
     *
     * @param x1 {@code [batch, dim1]}, FLOAT32 or FLOAT64
     * @param x2 {@code [batch, dim2]}, same dtype
     * @param weights as in {@link #backward}; null when the plan has none
     * @param gradOut {@code [batch, dimOut]}
     * @param v1 the tangent of gradX1, {@code [batch, dim1]}, or null
     * @param v2 the tangent of gradX2, {@code [batch, dim2]}, or null
     * @param vWeights the tangent of gradWeights, the shape of {@code weights}, or null
     * @param gradX1 receives ∂Q/∂x1, or null
     * @param gradX2 receives ∂Q/∂x2, or null
     * @param gradWeights receives ∂Q/∂weights, or null
     * @param gradGradOut receives ∂Q/∂gradOut, {@code [batch, dimOut]}, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, an
     *     output that is an input, or two outputs that are the same buffer
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void doubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vWeights, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradWeights, DeviceBuffer gradGradOut, int batch) {
        checkOpen(DOUBLE_BACKWARD);
        DType dtype = checkInputs(x1, x2, weights, batch);
        checkInput("gradOut", gradOut, dtype, (long) batch * plan.dimOut());
        long[] lengths = {(long) batch * plan.dim1(), (long) batch * plan.dim2(), weightLength(batch),
            (long) batch * plan.dimOut()};
        checkSecondOrder(dtype, lengths, new DeviceBuffer[] {x1, x2, weights, gradOut}, new String[] {"v1", "v2",
            "vWeights"}, new DeviceBuffer[] {v1, v2, vWeights}, new String[] {"gradX1", "gradX2", "gradWeights",
                "gradGradOut"}, new DeviceBuffer[] {gradX1, gradX2, gradWeights, gradGradOut});
        run(DOUBLE_BACKWARD, () -> runDoubleBackward(x1, x2, weights, gradOut, v1, v2, vWeights, gradX1, gradX2,
                gradWeights, gradGradOut, batch));
    }

    /**
     * The double backward of {@link #convolveBackward}: the derivatives of {@code Q = <vX, gradX> +
     * <vEdgeAttrs, gradEdgeAttrs> + <vEdgeWeights, gradEdgeWeights>} with respect to the node
     * features, edge attributes, edge weights and gradOut, as {@link #doubleBackward}. On the
     * generated kernels it runs fused: one launch over the source-sorted segments for the first
     * three (plus a reduction pass for shared weights) and one over the destination-sorted
     * segments for ∂Q/∂gradOut, deterministic, no per-edge rows in global memory.
     *
     * @param x the node features, {@code nodes × dim1}
     * @param edgeAttrs the edge attributes, {@code edges × dim2}
     * @param edgeWeights the edge weights, or null when the plan has none
     * @param graph the edges, on this op's device
     * @param gradOut {@code nodes × dimOut}
     * @param vX the tangent of gradX, or null
     * @param vEdgeAttrs the tangent of gradEdgeAttrs, or null
     * @param vEdgeWeights the tangent of gradEdgeWeights, or null
     * @param gradX receives ∂Q/∂x, or null
     * @param gradEdgeAttrs receives ∂Q/∂edgeAttrs, or null
     * @param gradEdgeWeights receives ∂Q/∂edgeWeights, or null
     * @param gradGradOut receives ∂Q/∂gradOut, or null
     * @throws IllegalArgumentException for a graph or buffer of another device, a wrong dtype or length, an
     *     output that is an input, or two outputs that are the same buffer
     * @throws IllegalStateException when the op, its device, the graph or a buffer is closed
     */
    public final void convolveDoubleBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer vX, DeviceBuffer vEdgeAttrs,
            DeviceBuffer vEdgeWeights, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs, DeviceBuffer gradEdgeWeights,
            DeviceBuffer gradGradOut) {
        checkOpen(CONVOLVE_DOUBLE_BACKWARD);
        DType dtype = checkConvolutionInputs(x, edgeAttrs, edgeWeights, graph);
        checkInput("gradOut", gradOut, dtype, (long) graph.nodes() * plan.dimOut());
        long[] lengths = {(long) graph.nodes() * plan.dim1(), (long) graph.edgeCount() * plan.dim2(),
            weightLength(graph.edgeCount()), (long) graph.nodes() * plan.dimOut()};
        checkSecondOrder(dtype, lengths, new DeviceBuffer[] {x, edgeAttrs, edgeWeights, gradOut}, new String[] {"vX",
            "vEdgeAttrs", "vEdgeWeights"}, new DeviceBuffer[] {vX, vEdgeAttrs, vEdgeWeights}, new String[] {"gradX",
                "gradEdgeAttrs", "gradEdgeWeights", "gradGradOut"},
            new DeviceBuffer[] {gradX, gradEdgeAttrs, gradEdgeWeights, gradGradOut});
        run(CONVOLVE_DOUBLE_BACKWARD, () -> runConvolveDoubleBackward(x, edgeAttrs, edgeWeights, graph, gradOut, vX,
                vEdgeAttrs, vEdgeWeights, gradX, gradEdgeAttrs, gradEdgeWeights, gradGradOut));
    }

    /**
     * The tangents (nullable inputs shaped like the first three arguments) and the four outputs
     * (nullable, shaped like the four arguments, none an input, none the same as another).
     */
    private void checkSecondOrder(DType dtype, long[] lengths, DeviceBuffer[] inputs, String[] tangentRoles,
            DeviceBuffer[] tangents, String[] outputRoles, DeviceBuffer[] outputs) {
        for (int i = 0; i < tangents.length; i++) {
            if (tangents[i] != null) checkInput(tangentRoles[i], tangents[i], dtype, lengths[i]);
        }
        DeviceBuffer[] reads = new DeviceBuffer[inputs.length + tangents.length];
        System.arraycopy(inputs, 0, reads, 0, inputs.length);
        System.arraycopy(tangents, 0, reads, inputs.length, tangents.length);
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == null) continue;
            checkOutput(outputRoles[i], outputs[i], dtype, lengths[i], reads);
            for (int j = 0; j < i; j++) {
                if (outputs[j] == outputs[i]) {
                    throw new IllegalArgumentException(outputRoles[j] + " and " + outputRoles[i]
                            + " must be distinct buffers, both are " + outputs[i].name());
                }
            }
        }
    }

    private DType checkConvolutionInputs(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph) {
        if (graph == null) throw new IllegalArgumentException("graph must not be null");
        if (graph.device() != device()) {
            throw new IllegalArgumentException("graph lives on device " + graph.device().name() + ", not on "
                    + device().name());
        }
        if (x == null) throw new IllegalArgumentException("x must not be null");
        DType dtype = x.dtype();
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("x " + x.name() + " must be FLOAT32 or FLOAT64, got " + dtype);
        }
        checkInput("x", x, dtype, (long) graph.nodes() * plan.dim1());
        checkInput("edgeAttrs", edgeAttrs, dtype, (long) graph.edgeCount() * plan.dim2());
        checkWeights("edgeWeights", edgeWeights, dtype, graph.edgeCount());
        return dtype;
    }

    /**
     * {@link #forward} after validation.
     *
     * @param x1 {@code [batch, dim1]}
     * @param x2 {@code [batch, dim2]}
     * @param weights the weights, or null
     * @param out {@code [batch, dimOut]}
     * @param batch the number of samples
     */
    protected abstract void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer out,
            int batch);

    /**
     * {@link #convolve} after validation.
     *
     * @param x {@code [nodes, dim1]}
     * @param edgeAttrs {@code [edges, dim2]}
     * @param edgeWeights the edge weights, or null
     * @param graph the edges
     * @param out {@code [nodes, dimOut]}
     * @param summation how edges are summed into nodes
     */
    protected abstract void runConvolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer out, Summation summation);

    /**
     * {@link #convolveBackward} after validation; null gradients are skipped.
     *
     * @param x {@code [nodes, dim1]}
     * @param edgeAttrs {@code [edges, dim2]}
     * @param edgeWeights the edge weights, or null
     * @param graph the edges
     * @param gradOut {@code [nodes, dimOut]}
     * @param gradX {@code [nodes, dim1]}, or null
     * @param gradEdgeAttrs {@code [edges, dim2]}, or null
     * @param gradEdgeWeights the shape of {@code edgeWeights}, or null
     */
    protected abstract void runConvolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights);

    /**
     * {@link #doubleBackward} after validation: by default the composition of forward and
     * backward calls ({@link ComposedDoubleBackward}); backends with fused kernels override it.
     *
     * @param x1 {@code [batch, dim1]}
     * @param x2 {@code [batch, dim2]}
     * @param weights the weights, or null
     * @param gradOut {@code [batch, dimOut]}
     * @param v1 the tangent of gradX1, or null
     * @param v2 the tangent of gradX2, or null
     * @param vWeights the tangent of gradWeights, or null
     * @param gradX1 receives ∂Q/∂x1, or null
     * @param gradX2 receives ∂Q/∂x2, or null
     * @param gradWeights receives ∂Q/∂weights, or null
     * @param gradGradOut receives ∂Q/∂gradOut, or null
     * @param batch the number of samples
     */
    protected void runDoubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vWeights, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradWeights, DeviceBuffer gradGradOut, int batch) {
        ComposedDoubleBackward.product(this, batch).run(x1, x2, weights, gradOut, v1, v2, vWeights, gradX1, gradX2,
                gradWeights, gradGradOut);
    }

    /**
     * {@link #convolveDoubleBackward} after validation: by default the composition of convolution
     * calls ({@link ComposedDoubleBackward}); backends with fused kernels override it.
     *
     * @param x {@code [nodes, dim1]}
     * @param edgeAttrs {@code [edges, dim2]}
     * @param edgeWeights the edge weights, or null
     * @param graph the edges
     * @param gradOut {@code [nodes, dimOut]}
     * @param vX the tangent of gradX, or null
     * @param vEdgeAttrs the tangent of gradEdgeAttrs, or null
     * @param vEdgeWeights the tangent of gradEdgeWeights, or null
     * @param gradX receives ∂Q/∂x, or null
     * @param gradEdgeAttrs receives ∂Q/∂edgeAttrs, or null
     * @param gradEdgeWeights receives ∂Q/∂edgeWeights, or null
     * @param gradGradOut receives ∂Q/∂gradOut, or null
     */
    protected void runConvolveDoubleBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer vX, DeviceBuffer vEdgeAttrs,
            DeviceBuffer vEdgeWeights, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs, DeviceBuffer gradEdgeWeights,
            DeviceBuffer gradGradOut) {
        ComposedDoubleBackward.convolution(this, graph).run(x, edgeAttrs, edgeWeights, gradOut, vX, vEdgeAttrs,
                vEdgeWeights, gradX, gradEdgeAttrs, gradEdgeWeights, gradGradOut);
    }

    /**
     * {@link #backward} after validation; null gradients are skipped.
     *
     * @param x1 {@code [batch, dim1]}
     * @param x2 {@code [batch, dim2]}
     * @param weights the weights, or null
     * @param gradOut {@code [batch, dimOut]}
     * @param gradX1 {@code [batch, dim1]}, or null
     * @param gradX2 {@code [batch, dim2]}, or null
     * @param gradWeights the shape of {@code weights}, or null
     * @param batch the number of samples
     */
    protected abstract void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch);

    private long weightLength(int batch) {
        return plan.sharedWeights() ? plan.weightNumel() : (long) batch * plan.weightNumel();
    }

    private DType checkInputs(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, int batch) {
        if (batch < 0) throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        if (x1 == null) throw new IllegalArgumentException("x1 must not be null");
        DType dtype = x1.dtype();
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("x1 " + x1.name() + " must be FLOAT32 or FLOAT64, got " + dtype);
        }
        checkInput("x1", x1, dtype, (long) batch * plan.dim1());
        checkInput("x2", x2, dtype, (long) batch * plan.dim2());
        checkWeights("weights", weights, dtype, batch);
        return dtype;
    }

    private void checkWeights(String role, DeviceBuffer weights, DType dtype, int batch) {
        if (weights == null) {
            if (plan.weightNumel() > 0) {
                throw new IllegalArgumentException(role + " must not be null: the plan has " + plan.weightNumel()
                        + " weights per " + (plan.sharedWeights() ? "call" : "sample"));
            }
        } else {
            checkInput(role, weights, dtype, weightLength(batch));
        }
    }

    private void checkInput(String role, DeviceBuffer buffer, DType dtype, long expected) {
        if (buffer == null) throw new IllegalArgumentException(role + " must not be null");
        device().checkOwns(role, buffer);
        if (buffer.dtype() != dtype) {
            throw new IllegalArgumentException(role + " " + buffer.name() + " has dtype " + buffer.dtype()
                    + ", expected " + dtype + " like x1");
        }
        if (buffer.length() != expected) {
            throw new IllegalArgumentException(role + " " + buffer.name() + " has " + buffer.length()
                    + " elements, expected " + expected);
        }
    }

    private void checkOutput(String role, DeviceBuffer out, DType dtype, long expected, DeviceBuffer... inputs) {
        checkInput(role, out, dtype, expected);
        for (DeviceBuffer in : inputs) {
            if (in == out) throw new IllegalArgumentException(role + " " + out.name() + " must not be an input");
        }
    }
}
