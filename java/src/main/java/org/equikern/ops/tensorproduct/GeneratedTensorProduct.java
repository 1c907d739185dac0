package org.equikern.ops.tensorproduct;

import java.util.EnumMap;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.GeneratedProgram;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.ops.tensorproduct.generated.TensorProductKernels;
import org.equikern.tp.Plan;
import org.equikern.tp.Plan.Operand;

/**
 * A plan's forward and backward through its generated kernels ({@link TensorProductKernels}):
 * the program text is written once per precision and compiled by the device on first launch
 * (devices cache builds by source). The shared-weight gradient is the generated first pass of a
 * {@link BatchReduction}, summed in order by the packaged {@code sum_slices}. Convolutions run
 * fused: node items sum their CSR segments of edges, so the result is the same whichever
 * {@link org.equikern.device.Summation} is asked for.
 */
final class GeneratedTensorProduct {
    /** The packaged program whose {@code sum_slices} adds the weight-gradient slices. */
    private static final String REDUCTION_PROGRAM = "tensor_product";

    private final Device device;
    private final KernelLauncher launcher;
    private final Plan plan;
    private final Map<DType, GeneratedProgram> programs = new EnumMap<>(DType.class);

    GeneratedTensorProduct(Device device, KernelLauncher launcher, Plan plan) {
        this.device = device;
        this.launcher = launcher;
        this.plan = plan;
    }

    private synchronized GeneratedProgram program(DType precision) {
        return programs.computeIfAbsent(precision, p -> TensorProductKernels.program(plan, p, launcher.dialect()));
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

    /** The fused convolution, as {@link TensorProductOp#convolve}. */
    void convolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer w, int weightStride, DeviceGraph graph,
            DeviceBuffer out) {
        DType t = x.dtype();
        launcher.launch(program(t), TensorProductKernels.CONV_FORWARD, t, items(graph.nodes(), Operand.OUT),
                graph.nodes(), x, edgeAttrs, w, weightStride, graph.src(), graph.targetOrder(), graph.targetOffsets(),
                out);
    }

    /** The gradients of the fused convolution that are not null, as {@link TensorProductOp#convolveBackward}. */
    void convolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer w, int weightStride, DeviceGraph graph,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs, DeviceBuffer gradEdgeWeights) {
        DType t = x.dtype();
        GeneratedProgram program = program(t);
        int edges = graph.edgeCount();
        if (gradX != null) {
            launcher.launch(program, TensorProductKernels.CONV_GRAD_X, t, items(graph.nodes(), Operand.IN1),
                    graph.nodes(), edgeAttrs, w, weightStride, gradOut, graph.dst(), graph.sourceOrder(),
                    graph.sourceOffsets(), gradX);
        }
        if (gradEdgeAttrs != null) {
            launcher.launch(program, TensorProductKernels.CONV_GRAD_ATTRS, t, items(edges, Operand.IN2), edges, x, w,
                    weightStride, gradOut, graph.src(), graph.dst(), gradEdgeAttrs);
        }
        if (gradEdgeWeights == null || plan.weightNumel() == 0) return;
        int numel = plan.weightNumel();
        if (plan.sharedWeights()) {
            BatchReduction.run(device, launcher, REDUCTION_PROGRAM, t, edges, numel, gradEdgeWeights,
                    (items, slices, chunk, partial) -> launcher.launch(program, TensorProductKernels.CONV_GRAD_WEIGHTS,
                            t, items, edges, slices, chunk, x, edgeAttrs, gradOut, graph.src(), graph.dst(), partial));
        } else {
            launcher.launch(program, TensorProductKernels.CONV_GRAD_WEIGHTS, t, (long) edges * numel, edges, edges, 1,
                    x, edgeAttrs, gradOut, graph.src(), graph.dst(), gradEdgeWeights);
        }
    }

    private long items(int batch, Operand operand) {
        return (long) batch * TensorProductKernels.channels(plan, operand);
    }
}
