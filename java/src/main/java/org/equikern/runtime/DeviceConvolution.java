package org.equikern.runtime;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Trilinear;

/**
 * A fused convolution over one graph as a {@link Trilinear} operation of (node features, edge
 * attributes, edge weights) on host arrays: each call moves its arrays to the device in a
 * {@link MemoryScope} and back. Used for the convolution's double backward
 * ({@link org.equikern.tp.TrilinearDoubleBackward}); arrays are all double[] or all float[].
 */
public final class DeviceConvolution implements Trilinear {
    private final TensorProductOp op;
    private final DeviceGraph graph;
    private final Summation summation;

    /**
     * Runs {@code op}'s convolution over {@code graph} (both on the same device; the caller closes them).
     *
     * @param op the tensor product whose convolution runs
     * @param graph the graph, on the op's device
     * @param summation how messages are summed into nodes
     * @throws IllegalArgumentException when the graph and the op live on different devices
     */
    public DeviceConvolution(TensorProductOp op, DeviceGraph graph, Summation summation) {
        if (graph.device() != op.device()) {
            throw new IllegalArgumentException("graph lives on device " + graph.device().name() + ", op on "
                    + op.device().name());
        }
        this.op = op;
        this.graph = graph;
        this.summation = summation;
    }

    @Override
    public void forward(Object x, Object edgeAttrs, Object edgeWeights, Object out) {
        try (MemoryScope scope = op.device().openScope()) {
            DeviceBuffer result = HostTransfer.allocateLike(scope, out);
            op.convolve(HostTransfer.upload(scope, x), HostTransfer.upload(scope, edgeAttrs),
                    HostTransfer.upload(scope, edgeWeights), graph, result, summation);
            HostTransfer.download(result, out);
        }
    }

    @Override
    public void backward(Object x, Object edgeAttrs, Object edgeWeights, Object gradOut, Object gradX,
            Object gradEdgeAttrs, Object gradEdgeWeights) {
        try (MemoryScope scope = op.device().openScope()) {
            DeviceBuffer gx = HostTransfer.allocateLike(scope, gradX);
            DeviceBuffer gsh = HostTransfer.allocateLike(scope, gradEdgeAttrs);
            DeviceBuffer gw = HostTransfer.allocateLike(scope, gradEdgeWeights);
            op.convolveBackward(HostTransfer.upload(scope, x), HostTransfer.upload(scope, edgeAttrs),
                    HostTransfer.upload(scope, edgeWeights), graph, HostTransfer.upload(scope, gradOut), gx, gsh, gw);
            HostTransfer.download(gx, gradX);
            HostTransfer.download(gsh, gradEdgeAttrs);
            HostTransfer.download(gw, gradEdgeWeights);
        }
    }
}
