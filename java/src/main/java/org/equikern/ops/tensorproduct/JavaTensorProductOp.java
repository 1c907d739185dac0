package org.equikern.ops.tensorproduct;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.Summation;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;
import org.equikern.tp.Plan;

/** Tensor products on host buffers, run by the pure-Java executor (the oracle). */
final class JavaTensorProductOp extends TensorProductOp {
    private final JavaTensorProductExecutor executor;
    private final ChunkedConvolution convolution;

    JavaTensorProductOp(JavaDevice device, Plan plan) {
        super(device, plan);
        this.executor = new JavaTensorProductExecutor(plan);
        this.convolution = new ChunkedConvolution(executor);
    }

    /** Host buffers: the Java device has no atomics, so every summation is deterministic. */
    @Override
    protected void runConvolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights, DeviceGraph graph,
            DeviceBuffer out, Summation summation) {
        if (!executor.convolve(array(x), array(edgeAttrs), array(edgeWeights), ints(graph.src()),
                ints(graph.targetOrder()), ints(graph.targetOffsets()), array(out))) {
            convolution.forward(array(x), array(edgeAttrs), array(edgeWeights), graph.edges(), array(out));
        }
    }

    @Override
    protected void runConvolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights) {
        if (!executor.convolveBackward(array(x), array(edgeAttrs), array(edgeWeights), array(gradOut), array(gradX),
                array(gradEdgeAttrs), array(gradEdgeWeights), ints(graph.dst()), ints(graph.sourceOrder()),
                ints(graph.sourceOffsets()))) {
            convolution.backward(array(x), array(edgeAttrs), array(edgeWeights), graph.edges(), array(gradOut),
                    array(gradX), array(gradEdgeAttrs), array(gradEdgeWeights));
        }
    }

    private static int[] ints(DeviceBuffer b) {
        return ((JavaBuffer) b).ints();
    }

    /** The backing double[] or float[] of a host buffer, or null. */
    private static Object array(DeviceBuffer b) {
        if (b == null) return null;
        return b.dtype() == DType.FLOAT64 ? ((JavaBuffer) b).doubles() : ((JavaBuffer) b).floats();
    }

    @Override
    protected void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer out, int batch) {
        if (x1.dtype() == DType.FLOAT64) {
            executor.forward(d(x1), d(x2), d(weights), d(out), batch);
        } else {
            executor.forward(f(x1), f(x2), f(weights), f(out), batch);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch) {
        if (x1.dtype() == DType.FLOAT64) {
            executor.backward(d(x1), d(x2), d(weights), d(gradOut), d(gradX1), d(gradX2), d(gradWeights), batch);
        } else {
            executor.backward(f(x1), f(x2), f(weights), f(gradOut), f(gradX1), f(gradX2), f(gradWeights), batch);
        }
    }

    private static double[] d(DeviceBuffer b) {
        return b == null ? null : ((JavaBuffer) b).doubles();
    }

    private static float[] f(DeviceBuffer b) {
        return b == null ? null : ((JavaBuffer) b).floats();
    }
}
