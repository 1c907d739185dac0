package org.equikern.ops.tensorproduct;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link TensorProductOp} in another layout than {@code mul_ir} where the kernels index
 * {@code mul_ir} only (the Java backend, the table kernels): runs a {@code mul_ir} op on irreps
 * inputs converted on the device and converts its irreps outputs back ({@link LayoutAdapter}).
 * Weights pass through. The generated kernels need none of this (they index {@code ir_mul}).
 */
final class LayoutConvertingTensorProductOp extends TensorProductOp {
    private final TensorProductOp inner;
    private final LayoutAdapter adapter;

    /** Takes ownership of {@code inner}, a {@code mul_ir} op. */
    LayoutConvertingTensorProductOp(TensorProductOp inner, IrrepsLayout layout) {
        super(inner.device(), inner.plan(), layout);
        this.inner = inner;
        this.adapter = new LayoutAdapter(inner.device(), layout);
    }

    @Override
    protected void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer out, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outMulIr = adapter.outputScratch(scope, out, irrepsOut());
            inner.runForward(adapter.input(scope, x1, irreps1(), batch), adapter.input(scope, x2, irreps2(), batch),
                    weights, outMulIr, batch);
            adapter.output(outMulIr, out, irrepsOut(), batch);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradX1MulIr = adapter.outputScratch(scope, gradX1, irreps1());
            DeviceBuffer gradX2MulIr = adapter.outputScratch(scope, gradX2, irreps2());
            inner.runBackward(adapter.input(scope, x1, irreps1(), batch), adapter.input(scope, x2, irreps2(), batch),
                    weights, adapter.input(scope, gradOut, irrepsOut(), batch), gradX1MulIr, gradX2MulIr,
                    gradWeights, batch);
            adapter.output(gradX1MulIr, gradX1, irreps1(), batch);
            adapter.output(gradX2MulIr, gradX2, irreps2(), batch);
        }
    }

    @Override
    protected void runConvolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights, DeviceGraph graph,
            DeviceBuffer out, Summation summation) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outMulIr = adapter.outputScratch(scope, out, irrepsOut());
            inner.runConvolve(adapter.input(scope, x, irreps1(), graph.nodes()),
                    adapter.input(scope, edgeAttrs, irreps2(), graph.edgeCount()), edgeWeights, graph, outMulIr,
                    summation);
            adapter.output(outMulIr, out, irrepsOut(), graph.nodes());
        }
    }

    @Override
    protected void runConvolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights) {
        int nodes = graph.nodes();
        int edges = graph.edgeCount();
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXMulIr = adapter.outputScratch(scope, gradX, irreps1());
            DeviceBuffer gradEdgeAttrsMulIr = adapter.outputScratch(scope, gradEdgeAttrs, irreps2());
            inner.runConvolveBackward(adapter.input(scope, x, irreps1(), nodes),
                    adapter.input(scope, edgeAttrs, irreps2(), edges), edgeWeights, graph,
                    adapter.input(scope, gradOut, irrepsOut(), nodes), gradXMulIr, gradEdgeAttrsMulIr,
                    gradEdgeWeights);
            adapter.output(gradXMulIr, gradX, irreps1(), nodes);
            adapter.output(gradEdgeAttrsMulIr, gradEdgeAttrs, irreps2(), edges);
        }
    }

    private Irreps irreps1() {
        return plan().spec().irrepsIn1();
    }

    private Irreps irreps2() {
        return plan().spec().irrepsIn2();
    }

    private Irreps irrepsOut() {
        return plan().spec().irrepsOut();
    }

    @Override
    protected void release() {
        adapter.close();
        inner.close();
    }
}
