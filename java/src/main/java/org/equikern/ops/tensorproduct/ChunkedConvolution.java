package org.equikern.ops.tensorproduct;

import org.equikern.data.EdgeIndex;
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

    /** The per-chunk arrays for {@code n} edges (the executor wants exact lengths). */
    private final class Chunk {
        final int n;
        final Object x1;
        final Object x2;
        final Object w;
        final Object rows;
        final Object gradX1;
        final Object gradX2;
        final Object gradW;

        Chunk(Object like, int n, Object sharedWeights, boolean wantGradX1, boolean wantGradX2, boolean wantGradW) {
            this.n = n;
            x1 = HostArrays.like(like, (long) n * plan.dim1());
            x2 = HostArrays.like(like, (long) n * plan.dim2());
            w = perEdge() ? HostArrays.like(like, (long) n * plan.weightNumel()) : sharedWeights;
            rows = HostArrays.like(like, (long) n * plan.dimOut());
            gradX1 = wantGradX1 ? HostArrays.like(like, (long) n * plan.dim1()) : null;
            gradX2 = wantGradX2 ? HostArrays.like(like, (long) n * plan.dim2()) : null;
            gradW = wantGradW ? HostArrays.like(like, (long) (perEdge() ? n : 1) * plan.weightNumel()) : null;
        }

        /** Gathers the senders' rows, edge attributes and weights of edges {@code start..start+n}. */
        void gather(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, int start) {
            for (int k = 0; k < n; k++) HostArrays.copyRow(x, graph.src(start + k), x1, k, plan.dim1());
            System.arraycopy(edgeAttrs, start * plan.dim2(), x2, 0, n * plan.dim2());
            if (perEdge()) System.arraycopy(edgeWeights, start * plan.weightNumel(), w, 0, n * plan.weightNumel());
        }
    }

    /** Full chunks share one set of arrays; a shorter last chunk gets its own. */
    private Chunk chunkFor(Chunk[] cache, int n, Object like, Object sharedWeights, boolean g1, boolean g2,
            boolean gw) {
        int slot = n == CHUNK ? 0 : 1;
        if (cache[slot] == null || cache[slot].n != n) cache[slot] = new Chunk(like, n, sharedWeights, g1, g2, gw);
        return cache[slot];
    }

    void forward(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, Object out) {
        HostArrays.fill(out, 0);
        Chunk[] cache = new Chunk[2];
        for (int start = 0; start < graph.edges(); start += CHUNK) {
            Chunk c = chunkFor(cache, Math.min(CHUNK, graph.edges() - start), x, edgeWeights, false, false, false);
            c.gather(x, edgeAttrs, edgeWeights, graph, start);
            executor.forwardAny(c.x1, c.x2, c.w, c.rows, c.n);
            for (int k = 0; k < c.n; k++) HostArrays.addRow(c.rows, k, out, graph.dst(start + k), plan.dimOut());
        }
    }

    void backward(Object x, Object edgeAttrs, Object edgeWeights, EdgeIndex graph, Object gradOut, Object gradX,
            Object gradEdgeAttrs, Object gradEdgeWeights) {
        if (gradX != null) HostArrays.fill(gradX, 0);
        if (gradEdgeWeights != null && !perEdge()) HostArrays.fill(gradEdgeWeights, 0);
        Chunk[] cache = new Chunk[2];
        for (int start = 0; start < graph.edges(); start += CHUNK) {
            Chunk c = chunkFor(cache, Math.min(CHUNK, graph.edges() - start), x, edgeWeights, gradX != null,
                    gradEdgeAttrs != null, gradEdgeWeights != null);
            c.gather(x, edgeAttrs, edgeWeights, graph, start);
            for (int k = 0; k < c.n; k++) HostArrays.copyRow(gradOut, graph.dst(start + k), c.rows, k, plan.dimOut());
            executor.backwardAny(c.x1, c.x2, c.w, c.rows, c.gradX1, c.gradX2, c.gradW, c.n);
            for (int k = 0; k < c.n && gradX != null; k++) {
                HostArrays.addRow(c.gradX1, k, gradX, graph.src(start + k), plan.dim1());
            }
            if (gradEdgeAttrs != null) {
                System.arraycopy(c.gradX2, 0, gradEdgeAttrs, start * plan.dim2(), c.n * plan.dim2());
            }
            if (gradEdgeWeights != null && perEdge()) {
                System.arraycopy(c.gradW, 0, gradEdgeWeights, start * plan.weightNumel(), c.n * plan.weightNumel());
            } else if (gradEdgeWeights != null) {
                HostArrays.addRow(c.gradW, 0, gradEdgeWeights, 0, plan.weightNumel());
            }
        }
    }

    private boolean perEdge() {
        return !plan.sharedWeights() && plan.weightNumel() > 0;
    }
}
