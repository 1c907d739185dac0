package org.equikern.backend.java;

import org.equikern.device.EdgeIndex;
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
        RowArrays.fill(out, 0);
        int edges = graph.edges();
        int size = Math.min(CHUNK, edges);
        Object x1 = RowArrays.like(x, (long) size * plan.dim1());
        Object x2 = RowArrays.like(x, (long) size * plan.dim2());
        Object w = perEdge() ? RowArrays.like(x, (long) size * plan.weightNumel()) : edgeWeights;
        Object y = RowArrays.like(x, (long) size * plan.dimOut());
        for (int start = 0; start < edges; start += size) {
            int n = Math.min(size, edges - start);
            gatherChunk(x, edgeAttrs, edgeWeights, graph, start, n, x1, x2, w);
            forward(x1, x2, w, y, n);
            for (int k = 0; k < n; k++) {
                RowArrays.addRow(y, k, out, graph.dst(start + k), plan.dimOut());
            }
        }
    }

    void backward(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, Object gradOut, Object gradX,
            Object gradEdgeAttrs, Object gradEdgeWeights) {
        if (gradX != null) RowArrays.fill(gradX, 0);
        boolean sharedGrad = gradEdgeWeights != null && !perEdge();
        if (sharedGrad) RowArrays.fill(gradEdgeWeights, 0);
        int edges = graph.edges();
        int size = Math.min(CHUNK, edges);
        Object x1 = RowArrays.like(x, (long) size * plan.dim1());
        Object x2 = RowArrays.like(x, (long) size * plan.dim2());
        Object w = perEdge() ? RowArrays.like(x, (long) size * plan.weightNumel()) : edgeWeights;
        Object g = RowArrays.like(x, (long) size * plan.dimOut());
        Object g1 = gradX == null ? null : RowArrays.like(x, (long) size * plan.dim1());
        Object g2 = gradEdgeAttrs == null ? null : RowArrays.like(x, (long) size * plan.dim2());
        Object gw = gradEdgeWeights == null ? null
                : RowArrays.like(x, (long) (perEdge() ? size : 1) * plan.weightNumel());
        for (int start = 0; start < edges; start += size) {
            int n = Math.min(size, edges - start);
            gatherChunk(x, edgeAttrs, edgeWeights, graph, start, n, x1, x2, w);
            for (int k = 0; k < n; k++) RowArrays.copyRow(gradOut, graph.dst(start + k), g, k, plan.dimOut());
            backward(x1, x2, w, g, g1, g2, gw, n);
            for (int k = 0; k < n && g1 != null; k++) {
                RowArrays.addRow(g1, k, gradX, graph.src(start + k), plan.dim1());
            }
            if (g2 != null) System.arraycopy(g2, 0, gradEdgeAttrs, start * plan.dim2(), n * plan.dim2());
            if (gw != null && perEdge()) {
                System.arraycopy(gw, 0, gradEdgeWeights, start * plan.weightNumel(), n * plan.weightNumel());
            } else if (gw != null) {
                RowArrays.addRow(gw, 0, gradEdgeWeights, 0, plan.weightNumel());
            }
        }
    }

    private boolean perEdge() {
        return !plan.sharedWeights() && plan.weightNumel() > 0;
    }

    private void gatherChunk(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, int start, int n,
            Object x1, Object x2, Object w) {
        for (int k = 0; k < n; k++) RowArrays.copyRow(x, graph.src(start + k), x1, k, plan.dim1());
        System.arraycopy(edgeAttrs, start * plan.dim2(), x2, 0, n * plan.dim2());
        if (perEdge()) {
            System.arraycopy(edgeWeights, start * plan.weightNumel(), w, 0, n * plan.weightNumel());
        }
    }

    private void forward(Object x1, Object x2, Object w, Object y, int n) {
        if (x1 instanceof double[]) {
            executor.forward((double[]) x1, (double[]) x2, (double[]) w, (double[]) y, n);
        } else {
            executor.forward((float[]) x1, (float[]) x2, (float[]) w, (float[]) y, n);
        }
    }

    private void backward(Object x1, Object x2, Object w, Object g, Object g1, Object g2, Object gw, int n) {
        if (x1 instanceof double[]) {
            executor.backward((double[]) x1, (double[]) x2, (double[]) w, (double[]) g, (double[]) g1,
                    (double[]) g2, (double[]) gw, n);
        } else {
            executor.backward((float[]) x1, (float[]) x2, (float[]) w, (float[]) g, (float[]) g1, (float[]) g2,
                    (float[]) gw, n);
        }
    }
}
