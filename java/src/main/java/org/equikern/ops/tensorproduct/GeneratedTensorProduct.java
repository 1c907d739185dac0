package org.equikern.ops.tensorproduct;

import java.util.EnumMap;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.GeneratedProgram;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.ops.tensorproduct.generated.OperandLayouts;
import org.equikern.ops.tensorproduct.generated.TensorProductKernels;
import org.equikern.tp.Plan;
import org.equikern.tp.Plan.Operand;

/**
 * A plan's forward and backward through its generated kernels ({@link TensorProductKernels}):
 * the program text is written once per precision and compiled by the device on first launch
 * (devices cache builds by source). The shared-weight gradient is the generated first pass of a
 * {@link BatchReduction}, summed in order by the packaged {@code sum_slices}. Convolutions run
 * fused: node items sum their CSR segments of edges, so the result is the same whichever
 * {@link org.equikern.device.Summation} is asked for. The kernels index every row in its
 * operand's layout ({@link OperandLayouts}), so {@code ir_mul} rows need no conversion pass.
 */
final class GeneratedTensorProduct {
    /**
     * System property {@code true} or {@code false}: forces the staged convolution forward on or
     * off, read when an op is made; unset, devices other than the host's CPU take it.
     */
    static final String STAGING_PROPERTY = "equikern.kernels.staging";
    /** Work items per node of the staged forward: a whole work-group of the launchers' largest size. */
    private static final int STAGED_LANES = 256;
    /** Enough groups to fill any device; the groups loop over the remaining nodes. */
    private static final int MAX_STAGED_GROUPS = 65_535;


    /** The packaged program whose {@code sum_slices} adds the weight-gradient slices. */
    private static final String REDUCTION_PROGRAM = "tensor_product";

    private final Device device;
    private final KernelLauncher launcher;
    private final Plan plan;
    /** The layout of every operand row the kernels read and write. */
    private final OperandLayouts layouts;
    private final Map<DType, GeneratedProgram> programs = new EnumMap<>(DType.class);

    /** Whether the convolution forward runs staged where the plan's rows fit the budget. */
    private final boolean staging;

    GeneratedTensorProduct(Device device, KernelLauncher launcher, Plan plan, OperandLayouts layouts) {
        this.device = device;
        this.launcher = launcher;
        this.plan = plan;
        this.layouts = layouts;
        this.staging = stagingChosen(launcher);
    }

    /**
     * The forced choice of {@link #STAGING_PROPERTY}, else staging on devices other than the
     * host's CPU (on PoCL the unstaged forward measured faster).
     *
     * @throws IllegalArgumentException when the property is neither true nor false
     */
    static boolean stagingChosen(KernelLauncher launcher) {
        String forced = System.getProperty(STAGING_PROPERTY);
        if (forced == null) return !launcher.hostCpu();
        switch (forced.trim()) {
            case "true": return true;
            case "false": return false;
            default: throw new IllegalArgumentException("unknown " + STAGING_PROPERTY + " '" + forced
                    + "'; known: true, false");
        }
    }

    private synchronized GeneratedProgram program(DType precision) {
        return programs.computeIfAbsent(precision,
                p -> TensorProductKernels.program(plan, p, launcher.dialect(), layouts));
    }

    /** {@code out = TP(x1, x2, w)}; {@code w} is a placeholder when the plan has no weights. */
    void forward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, int weightStride, DeviceBuffer out, int batch) {
        DType t = x1.dtype();
        launcher.launch(program(t), TensorProductKernels.FORWARD, t, items(batch, Operand.OUT), batch, x1, x2, w,
                weightStride, out);
    }

    /** The gradients that are not null, as {@link TensorProductOp#backward}. */
    void backward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, int weightStride, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch) {
        DType t = x1.dtype();
        GeneratedProgram program = program(t);
        if (gradX1 != null) {
            launcher.launch(program, TensorProductKernels.GRAD_X1, t, items(batch, Operand.IN1), batch, x2, w,
                    weightStride, gradOut, gradX1);
        }
        if (gradX2 != null) {
            launcher.launch(program, TensorProductKernels.GRAD_X2, t, items(batch, Operand.IN2), batch, x1, w,
                    weightStride, gradOut, gradX2);
        }
        if (gradWeights == null || plan.weightNumel() == 0) return;
        int numel = plan.weightNumel();
        if (plan.sharedWeights()) {
            BatchReduction.run(device, launcher, REDUCTION_PROGRAM, t, batch, numel, gradWeights,
                    (items, slices, chunk, partial) -> launcher.launch(program, TensorProductKernels.GRAD_WEIGHTS, t,
                            items, batch, slices, chunk, x1, x2, gradOut, partial));
        } else {
            // one sample per slice: the first pass writes the per-sample gradients themselves
            launcher.launch(program, TensorProductKernels.GRAD_WEIGHTS, t, (long) batch * numel, batch, batch, 1, x1,
                    x2, gradOut, gradWeights);
        }
    }

    /**
     * The fused convolution, as {@link TensorProductOp#convolve}: staged through local memory
     * (one work-group per node) where chosen and within budget, else one item per (node, channel).
     */
    void convolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer w, int weightStride, DeviceGraph graph,
            DeviceBuffer out) {
        DType t = x.dtype();
        if (staging && TensorProductKernels.hasStagedConvolution(plan, t, launcher.dialect())) {
            long items = (long) Math.min(graph.nodes(), MAX_STAGED_GROUPS) * STAGED_LANES;
            launcher.launch(program(t), TensorProductKernels.CONV_FORWARD_STAGED, t, items, graph.nodes(), x,
                    edgeAttrs, w, weightStride, graph.src(), graph.targetOrder(), graph.targetOffsets(), out);
            return;
        }
        launcher.launch(program(t), TensorProductKernels.CONV_FORWARD, t, items(graph.nodes(), Operand.OUT),
                graph.nodes(), x, edgeAttrs, w, weightStride, graph.src(), graph.targetOrder(), graph.targetOffsets(),
                out);
    }

    /**
     * The gradients of the fused convolution that are not null, as {@link TensorProductOp#convolveBackward}:
     * one launch of the fused backward over the source-sorted segments for the node, attribute and
     * per-edge weight gradients, and for shared weights the generated first pass of a batch
     * reduction. {@code placeholder} stands in for a gradient not asked for (never written).
     */
    void convolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer w, int weightStride, DeviceGraph graph,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs, DeviceBuffer gradEdgeWeights,
            DeviceBuffer placeholder) {
        DType t = x.dtype();
        GeneratedProgram program = program(t);
        int edges = graph.edgeCount();
        boolean sharedWeights = plan.sharedWeights() && plan.weightNumel() > 0;
        int want = want(gradX, gradEdgeAttrs, gradEdgeWeights);
        if (want != 0) {
            launcher.launch(program, TensorProductKernels.CONV_BACKWARD, t, sourceSideItems(graph.nodes()),
                    graph.nodes(), want, x, edgeAttrs, w, weightStride, gradOut, graph.dst(), graph.sourceOrder(),
                    graph.sourceOffsets(), orPlaceholder(gradX, placeholder), orPlaceholder(gradEdgeAttrs, placeholder),
                    orPlaceholder(gradEdgeWeights, placeholder));
        }
        if (gradEdgeWeights != null && sharedWeights) {
            BatchReduction.run(device, launcher, REDUCTION_PROGRAM, t, edges, plan.weightNumel(), gradEdgeWeights,
                    (items, slices, chunk, partial) -> launcher.launch(program, TensorProductKernels.CONV_GRAD_WEIGHTS,
                            t, items, edges, slices, chunk, x, edgeAttrs, gradOut, graph.src(), graph.dst(), partial));
        }
    }

    /**
     * The double backward of the fused convolution, as {@link TensorProductOp#convolveDoubleBackward}:
     * one launch over the source-sorted segments for the gradients of x, the attributes and
     * per-edge weights, a reduction for shared weights, one launch over the destination-sorted
     * segments for ∂Q/∂gradOut. Null tangents read as zeros from {@code scope}; {@code placeholder}
     * stands in for the gradients not asked for.
     */
    void convolveDoubleBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer w, int weightStride,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer vX, DeviceBuffer vEdgeAttrs, DeviceBuffer vw,
            DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs, DeviceBuffer gradEdgeWeights, DeviceBuffer gradGradOut,
            DeviceBuffer placeholder, MemoryScope scope) {
        DType t = x.dtype();
        GeneratedProgram program = program(t);
        int edges = graph.edgeCount();
        DeviceBuffer vx = orZeros(vX, x, scope);
        DeviceBuffer va = orZeros(vEdgeAttrs, edgeAttrs, scope);
        DeviceBuffer vWeights = plan.weightNumel() == 0 ? placeholder : orZeros(vw, w, scope);
        boolean sharedWeights = plan.sharedWeights() && plan.weightNumel() > 0;
        int want = want(gradX, gradEdgeAttrs, gradEdgeWeights);
        if (want != 0) {
            launcher.launch(program, TensorProductKernels.CONV_DOUBLE_BACKWARD, t, sourceSideItems(graph.nodes()),
                    graph.nodes(), want, x, vx, edgeAttrs, va, w, vWeights, weightStride, gradOut, graph.dst(),
                    graph.sourceOrder(), graph.sourceOffsets(), orPlaceholder(gradX, placeholder),
                    orPlaceholder(gradEdgeAttrs, placeholder), orPlaceholder(gradEdgeWeights, placeholder));
        }
        if (gradEdgeWeights != null && sharedWeights) {
            BatchReduction.run(device, launcher, REDUCTION_PROGRAM, t, edges, plan.weightNumel(), gradEdgeWeights,
                    (items, slices, chunk, partial) -> launcher.launch(program,
                            TensorProductKernels.CONV_DOUBLE_BACKWARD_WEIGHTS, t, items, edges, slices, chunk, x, vx,
                            edgeAttrs, va, gradOut, graph.src(), graph.dst(), partial));
        }
        if (gradGradOut != null) {
            launcher.launch(program, TensorProductKernels.CONV_DOUBLE_BACKWARD_OUT, t, items(graph.nodes(),
                    Operand.OUT), graph.nodes(), x, vx, edgeAttrs, va, w, vWeights, weightStride, graph.src(),
                    graph.targetOrder(), graph.targetOffsets(), gradGradOut);
        }
    }

    /** The {@code want} bits of the source-side kernels for the gradients that are not null. */
    private int want(DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs, DeviceBuffer gradEdgeWeights) {
        boolean perEdgeWeights = !plan.sharedWeights() && plan.weightNumel() > 0;
        return (gradX != null ? TensorProductKernels.WANT_GRAD_X : 0)
                | (gradEdgeAttrs != null ? TensorProductKernels.WANT_GRAD_ATTRS : 0)
                | (gradEdgeWeights != null && perEdgeWeights ? TensorProductKernels.WANT_GRAD_WEIGHTS : 0);
    }

    /** The tangent, or zeros shaped like {@code like} (its term then adds nothing). */
    private static DeviceBuffer orZeros(DeviceBuffer tangent, DeviceBuffer like, MemoryScope scope) {
        if (tangent != null) return tangent;
        DeviceBuffer zeros = scope.allocate(like.dtype(), Math.max(1, like.length()));
        zeros.zero();
        return zeros;
    }

    /** Items of the kernels over source-sorted segments: one per (node, x or attribute channel). */
    private long sourceSideItems(int nodes) {
        return (long) nodes * (TensorProductKernels.channels(plan, Operand.IN1)
                + TensorProductKernels.channels(plan, Operand.IN2));
    }

    private static DeviceBuffer orPlaceholder(DeviceBuffer buffer, DeviceBuffer placeholder) {
        return buffer != null ? buffer : placeholder;
    }

    private long items(int batch, Operand operand) {
        return (long) batch * TensorProductKernels.channels(plan, operand);
    }
}
