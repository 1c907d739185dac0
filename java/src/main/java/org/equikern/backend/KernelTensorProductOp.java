package org.equikern.backend;

import java.util.EnumMap;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.Summation;
import org.equikern.device.TensorProductOp;
import org.equikern.tp.Plan;

/**
 * Tensor products and fused convolutions with the kernels of {@code kernels/common/tensor_product.h}
 * and {@code convolution.h}, on OpenCL or CUDA.
 * The plan's tables go to the device once; the coefficients once per precision used.
 */
public final class KernelTensorProductOp extends TensorProductOp {
    private static final String PROGRAM = "tensor_product";
    private static final String CONVOLUTION = "convolution";

    private final KernelLauncher launcher;
    private final TensorProductTables tables;
    private final DeviceBuffer table;
    private final Map<DType, DeviceBuffer> coefficients = new EnumMap<>(DType.class);
    /** Stands in for the weight argument of weightless plans: kernels never read it. */
    private final Map<DType, DeviceBuffer> noWeights = new EnumMap<>(DType.class);

    public KernelTensorProductOp(Device device, KernelLauncher launcher, Plan plan) {
        super(device, plan);
        this.launcher = launcher;
        this.tables = TensorProductTables.of(plan);
        this.table = device.upload(tables.table());
    }

    private synchronized DeviceBuffer coefficients(DType dtype) {
        return coefficients.computeIfAbsent(dtype, t -> t == DType.FLOAT64
                ? device().upload(tables.coefficients()) : device().upload(tables.coefficientsFloat()));
    }

    private synchronized DeviceBuffer weightsOrPlaceholder(DeviceBuffer weights, DType dtype) {
        return weights != null ? weights : noWeights.computeIfAbsent(dtype, t -> device().allocate(t, 1));
    }

    private int weightStride() {
        return plan().sharedWeights() ? 0 : plan().weightNumel();
    }

    @Override
    protected void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer out, int batch) {
        DType t = x1.dtype();
        launcher.launch(PROGRAM, t, "tp_forward", (long) batch * plan().dimOut(), batch, table, coefficients(t), x1,
                x2, weightsOrPlaceholder(weights, t), weightStride(), out);
    }

    @Override
    protected void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch) {
        DType t = x1.dtype();
        DeviceBuffer cg = coefficients(t);
        DeviceBuffer w = weightsOrPlaceholder(weights, t);
        if (gradX1 != null && batch > 0) {
            launcher.launch(PROGRAM, t, "tp_grad_x1", (long) batch * plan().dim1(), batch, table, cg, x2, w,
                    weightStride(), gradOut, gradX1);
        }
        if (gradX2 != null && batch > 0) {
            launcher.launch(PROGRAM, t, "tp_grad_x2", (long) batch * plan().dim2(), batch, table, cg, x1, w,
                    weightStride(), gradOut, gradX2);
        }
        if (gradWeights != null && plan().weightNumel() > 0) {
            if (plan().sharedWeights()) {
                launcher.launch(PROGRAM, t, "tp_grad_w_shared", plan().weightNumel(), batch, table, cg, x1, x2,
                        gradOut, gradWeights);
            } else if (batch > 0) {
                launcher.launch(PROGRAM, t, "tp_grad_w_per_sample", (long) batch * plan().weightNumel(), batch,
                        table, cg, x1, x2, gradOut, gradWeights);
            }
        }
    }

    @Override
    protected void runConvolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights, DeviceGraph graph,
            DeviceBuffer out, Summation summation) {
        DType t = x.dtype();
        DeviceBuffer w = weightsOrPlaceholder(edgeWeights, t);
        boolean atomic = summation == Summation.ATOMIC
                && (t == DType.FLOAT32 || launcher.supportsFloat64Atomics());
        if (atomic) {
            out.zero();
            if (graph.edgeCount() == 0) return;
            launcher.launch(CONVOLUTION, t, "conv_forward_atomic", (long) graph.edgeCount() * plan().dimOut(),
                    graph.edgeCount(), table, coefficients(t), x, edgeAttrs, w, weightStride(), graph.src(),
                    graph.dst(), out);
        } else if (graph.nodes() > 0) {
            launcher.launch(CONVOLUTION, t, "conv_forward_segmented", (long) graph.nodes() * plan().dimOut(),
                    graph.nodes(), table, coefficients(t), x, edgeAttrs, w, weightStride(), graph.src(),
                    graph.targetOrder(), graph.targetOffsets(), out);
        }
    }

    @Override
    protected void runConvolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights) {
        DType t = x.dtype();
        DeviceBuffer cg = coefficients(t);
        DeviceBuffer w = weightsOrPlaceholder(edgeWeights, t);
        int edges = graph.edgeCount();
        if (gradX != null && graph.nodes() > 0) {
            launcher.launch(CONVOLUTION, t, "conv_grad_nodes", (long) graph.nodes() * plan().dim1(), graph.nodes(),
                    table, cg, edgeAttrs, w, weightStride(), gradOut, graph.dst(), graph.sourceOrder(),
                    graph.sourceOffsets(), gradX);
        }
        if (gradEdgeAttrs != null && edges > 0) {
            launcher.launch(CONVOLUTION, t, "conv_grad_sh", (long) edges * plan().dim2(), edges, table, cg, x, w,
                    weightStride(), gradOut, graph.src(), graph.dst(), gradEdgeAttrs);
        }
        if (gradEdgeWeights != null && plan().weightNumel() > 0) {
            if (plan().sharedWeights()) {
                launcher.launch(CONVOLUTION, t, "conv_grad_w_shared", plan().weightNumel(), edges, table, cg, x,
                        edgeAttrs, gradOut, graph.src(), graph.dst(), gradEdgeWeights);
            } else if (edges > 0) {
                launcher.launch(CONVOLUTION, t, "conv_grad_w_per_edge", (long) edges * plan().weightNumel(), edges,
                        table, cg, x, edgeAttrs, gradOut, graph.src(), graph.dst(), gradEdgeWeights);
            }
        }
    }

    @Override
    public synchronized void close() {
        table.close();
        coefficients.values().forEach(DeviceBuffer::close);
        noWeights.values().forEach(DeviceBuffer::close);
        coefficients.clear();
        noWeights.clear();
    }
}
