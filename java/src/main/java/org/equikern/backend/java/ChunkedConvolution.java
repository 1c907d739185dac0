package org.equikern.backend.java;

import org.equikern.device.EdgeIndex;
import org.equikern.tp.HostArrays;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductExecutor;

/**
 * The fused convolution on host arrays: edges are processed in fixed-size chunks (gather the
 * senders' rows, run the tensor product on the chunk, scatter-add into the receivers), so the
 * memory beyond inputs and outputs is one chunk, whatever the number of edges. Chunks and the
 * edges inside them are visited in edge order, so every node sums its edges in edge order, as
 * the deterministic device kernels do. Arrays are all double[] or all float[] in one call.
 */
final class ChunkedConvolution {
    /** Edges per chunk: large enough for the executor to split across threads. */
    static final int CHUNK = 2048;

    private final TensorProductExecutor executor;
    private final Plan plan;

    ChunkedConvolution(TensorProductExecutor executor) {
        this.executor = executor;
        this.plan = executor.plan();
    }

    void forward(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, Object out) {
        HostArrays.fill(out, 0);
        int edges = graph.edges();
        int size = Math.min(CHUNK, edges);
        Object x1 = HostArrays.like(x, (long) size * plan.dim1());
        Object x2 = HostArrays.like(x, (long) size * plan.dim2());
        Object w = perEdge() ? HostArrays.like(x, (long) size * plan.weightNumel()) : edgeWeights;
        Object y = HostArrays.like(x, (long) size * plan.dimOut());
        for (int start = 0; start < edges; start += size) {
            int n = Math.min(size, edges - start);
            gatherChunk(x, edgeAttrs, edgeWeights, graph, start, n, x1, x2, w);
            executor.forwardAny(x1, x2, w, y, n);
            for (int k = 0; k < n; k++) {
                HostArrays.addRow(y, k, out, graph.dst(start + k), plan.dimOut());
            }
        }
    }

    void backward(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, Object gradOut, Object gradX,
            Object gradEdgeAttrs, Object gradEdgeWeights) {
        if (gradX != null) HostArrays.fill(gradX, 0);
        boolean sharedGrad = gradEdgeWeights != null && !perEdge();
        if (sharedGrad) HostArrays.fill(gradEdgeWeights, 0);
        int edges = graph.edges();
        int size = Math.min(CHUNK, edges);
        Object x1 = HostArrays.like(x, (long) size * plan.dim1());
        Object x2 = HostArrays.like(x, (long) size * plan.dim2());
        Object w = perEdge() ? HostArrays.like(x, (long) size * plan.weightNumel()) : edgeWeights;
        Object g = HostArrays.like(x, (long) size * plan.dimOut());
        Object g1 = gradX == null ? null : HostArrays.like(x, (long) size * plan.dim1());
        Object g2 = gradEdgeAttrs == null ? null : HostArrays.like(x, (long) size * plan.dim2());
        Object gw = gradEdgeWeights == null ? null
                : HostArrays.like(x, (long) (perEdge() ? size : 1) * plan.weightNumel());
        for (int start = 0; start < edges; start += size) {
            int n = Math.min(size, edges - start);
            gatherChunk(x, edgeAttrs, edgeWeights, graph, start, n, x1, x2, w);
            for (int k = 0; k < n; k++) HostArrays.copyRow(gradOut, graph.dst(start + k), g, k, plan.dimOut());
            executor.backwardAny(x1, x2, w, g, g1, g2, gw, n);
            for (int k = 0; k < n && g1 != null; k++) {
                HostArrays.addRow(g1, k, gradX, graph.src(start + k), plan.dim1());
            }
            if (g2 != null) System.arraycopy(g2, 0, gradEdgeAttrs, start * plan.dim2(), n * plan.dim2());
            if (gw != null && perEdge()) {
                System.arraycopy(gw, 0, gradEdgeWeights, start * plan.weightNumel(), n * plan.weightNumel());
            } else if (gw != null) {
                HostArrays.addRow(gw, 0, gradEdgeWeights, 0, plan.weightNumel());
            }
        }
    }

    private boolean perEdge() {
        return !plan.sharedWeights() && plan.weightNumel() > 0;
    }

    private void gatherChunk(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, int start, int n,
            Object x1, Object x2, Object w) {
        for (int k = 0; k < n; k++) HostArrays.copyRow(x, graph.src(start + k), x1, k, plan.dim1());
        System.arraycopy(edgeAttrs, start * plan.dim2(), x2, 0, n * plan.dim2());
        if (perEdge()) {
            System.arraycopy(edgeWeights, start * plan.weightNumel(), w, 0, n * plan.weightNumel());
        }
    }
}
