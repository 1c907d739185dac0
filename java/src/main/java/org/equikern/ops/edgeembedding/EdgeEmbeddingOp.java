package org.equikern.ops.edgeembedding;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.DeviceOp;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.ops.Backends;

/**
 * {@link EdgeEmbedding} on a device: edge vectors, lengths, spherical harmonics and radial
 * features of a {@link DeviceGraph}, the gradients of the positions and shifts, and the second
 * order a force loss needs: the features' tangents along a position tangent ({@link #tangent}) and
 * the tangent of the position gradient with its Hessian term ({@link #tangentBackward}), as
 * {@link EdgeEmbedding#tangent} and {@link EdgeEmbedding#tangentBackward} with the shifts held
 * fixed (a fixed cell). Buffers are
 * row-major: positions {@code [atoms, 3]}, shifts and vectors {@code [edges, 3]}, lengths
 * {@code [edges]}, harmonics {@code [edges, shDim]}, radial features {@code [edges, radialSize]}.
 * Results match the Java class, including zero-length edges (harmonics {@code (Y_0, 0, …)},
 * radial features {@code R_k(0)}, no gradient) and atoms without edges (zero gradient).
 * Harmonics (one copy per degree) and radial features (scalars) lie alike in e3nn's
 * {@code mul_ir} and cuEquivariance's {@code ir_mul} layouts ({@link org.equikern.group.IrrepsLayout}),
 * so the buffers serve callers in either layout unchanged.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every
 * call validates devices, dtypes, lengths and aliasing before anything runs; an optional buffer
 * that is null is not read or written. Kernel devices do not read positions back to check that
 * they are finite, as the Java device does.
 */
public abstract class EdgeEmbeddingOp extends DeviceOp {
    private static final String FORWARD = "EdgeEmbeddingOp.forward";
    private static final String BACKWARD = "EdgeEmbeddingOp.backward";
    private static final String TANGENT = "EdgeEmbeddingOp.tangent";
    private static final String TANGENT_BACKWARD = "EdgeEmbeddingOp.tangentBackward";

    private final EdgeEmbedding embedding;

    /**
     * For backends: the op of {@code embedding} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param embedding the embedding, not null
     * @throws IllegalArgumentException when {@code embedding} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected EdgeEmbeddingOp(Device device, DType dtype, EdgeEmbedding embedding) {
        super(device, dtype);
        if (embedding == null) throw new IllegalArgumentException("EdgeEmbeddingOp: embedding must not be null");
        this.embedding = embedding;
    }

    /**
     * The {@link EdgeEmbedding} operation of {@code embedding} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @param device the device
     * @param embedding the embedding
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code embedding} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static EdgeEmbeddingOp on(Device device, EdgeEmbedding embedding, DType dtype) {
        return Backends.select(device, "EdgeEmbeddingOp.on", java -> new JavaEdgeEmbeddingOp(java, dtype, embedding),
                kernel -> new KernelEdgeEmbeddingOp(kernel, kernel, dtype, embedding));
    }

    /**
     * The embedding this op computes (lmax, normalization, radial features).
     *
     * @return the embedding
     */
    public final EdgeEmbedding embedding() {
        return embedding;
    }

    /**
     * Length of the scratch buffer {@link #backward} needs for {@code edges} edges:
     * {@code edges·(2·shDim + 3)}.
     *
     * @param edges the number of edges, ≥ 0
     * @return the length in elements
     */
    public final long scratchLength(int edges) {
        return (long) edges * (2L * embedding.shDim() + 3);
    }

    /**
     * Length of the scratch buffer {@link #tangentBackward} needs for {@code edges} edges:
     * {@code edges·(4·shDim + 3)}.
     *
     * @param edges the number of edges, ≥ 0
     * @return the length in elements
     */
    public final long tangentScratchLength(int edges) {
        return (long) edges * (4L * embedding.shDim() + 3);
    }

    /**
     * Computes the requested edge features of {@code graph}.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]} periodic shifts added to the edge vectors, or null for none
     * @param graph the edges, uploaded to this op's device
     * @param vectors {@code [edges, 3]} {@code pos[dst] − pos[src] + shift}, overwritten, or null
     * @param lengths {@code [edges]}, overwritten, or null
     * @param sh {@code [edges, shDim]}, overwritten, or null
     * @param radial {@code [edges, radialSize]}, overwritten, or null
     */
    public final void forward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph, DeviceBuffer vectors,
            DeviceBuffer lengths, DeviceBuffer sh, DeviceBuffer radial) {
        checkOpen(FORWARD);
        checkInputs(FORWARD, positions, shifts, graph);
        int edges = graph.edgeCount();
        checkOptional(FORWARD, "vectors", vectors, 3L * edges, edgesHow(edges, "3"));
        checkOptional(FORWARD, "lengths", lengths, edges, "edges " + edges);
        checkOptional(FORWARD, "sh", sh, (long) edges * embedding.shDim(), edgesHow(edges, "shDim " + embedding.shDim()));
        checkOptional(FORWARD, "radial", radial, (long) edges * embedding.radialSize(),
                edgesHow(edges, "radialSize " + embedding.radialSize()));
        checkDistinct(FORWARD, "vectors", vectors, "lengths", lengths, "sh", sh, "radial", radial, "positions",
                positions, "shifts", shifts);
        run(FORWARD, () -> runForward(positions, shifts, graph, vectors, lengths, sh, radial));
    }

    /**
     * Gradients of {@code Σ sh·gradSh + Σ radial·gradRadial} with respect to the positions (and
     * the shifts): {@code +} the edge-vector gradient at each edge's destination, {@code −} at its
     * source, summed per atom in a fixed order, so results repeat exactly.
     *
     * @param positions {@code [atoms, 3]} of the forward pass
     * @param shifts {@code [edges, 3]} of the forward pass, or null for none
     * @param graph the edges, uploaded to this op's device
     * @param gradSh {@code [edges, shDim]}, or null for zero
     * @param gradRadial {@code [edges, radialSize]}, or null for zero
     * @param gradPositions {@code [atoms, 3]}, overwritten
     * @param gradShifts {@code [edges, 3]}, overwritten with the gradient of each edge vector, or null
     * @param scratch {@link #scratchLength(int) scratchLength(edges)} elements of working memory, overwritten
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph, DeviceBuffer gradSh,
            DeviceBuffer gradRadial, DeviceBuffer gradPositions, DeviceBuffer gradShifts, DeviceBuffer scratch) {
        checkOpen(BACKWARD);
        checkInputs(BACKWARD, positions, shifts, graph);
        int edges = graph.edgeCount();
        checkOptional(BACKWARD, "gradSh", gradSh, (long) edges * embedding.shDim(),
                edgesHow(edges, "shDim " + embedding.shDim()));
        checkOptional(BACKWARD, "gradRadial", gradRadial, (long) edges * embedding.radialSize(),
                edgesHow(edges, "radialSize " + embedding.radialSize()));
        checkBuffer(BACKWARD, "gradPositions", gradPositions, 3L * graph.nodes(), "atoms " + graph.nodes() + " * 3");
        checkOptional(BACKWARD, "gradShifts", gradShifts, 3L * edges, edgesHow(edges, "3"));
        checkBuffer(BACKWARD, "scratch", scratch, scratchLength(edges),
                edgesHow(edges, "(2 * shDim " + embedding.shDim() + " + 3)"));
        checkDistinct(BACKWARD, "gradPositions", gradPositions, "gradShifts", gradShifts, "scratch", scratch,
                "positions", positions, "shifts", shifts, "gradSh", gradSh, "gradRadial", gradRadial);
        run(BACKWARD,
                () -> runBackward(positions, shifts, graph, gradSh, gradRadial, gradPositions, gradShifts, scratch));
    }

    /**
     * The tangents of the harmonics and radial features when the positions move along
     * {@code positionTangent} (the shifts fixed): Jacobian-vector products; a zero-length edge gets 0.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]}, or null for none
     * @param graph the edges, uploaded to this op's device
     * @param positionTangent {@code [atoms, 3]}
     * @param shTangent {@code [edges, shDim]}, overwritten, or null
     * @param radialTangent {@code [edges, radialSize]}, overwritten, or null
     * @param scratch {@link #scratchLength(int) scratchLength(edges)} elements of working memory, overwritten
     * @throws IllegalArgumentException for a buffer of another device, dtype or length, or buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangent(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer shTangent, DeviceBuffer radialTangent, DeviceBuffer scratch) {
        checkOpen(TANGENT);
        checkInputs(TANGENT, positions, shifts, graph);
        int edges = graph.edgeCount();
        checkBuffer(TANGENT, "positionTangent", positionTangent, 3L * graph.nodes(), "atoms " + graph.nodes() + " * 3");
        checkOptional(TANGENT, "shTangent", shTangent, (long) edges * embedding.shDim(),
                edgesHow(edges, "shDim " + embedding.shDim()));
        checkOptional(TANGENT, "radialTangent", radialTangent, (long) edges * embedding.radialSize(),
                edgesHow(edges, "radialSize " + embedding.radialSize()));
        checkBuffer(TANGENT, "scratch", scratch, scratchLength(edges),
                edgesHow(edges, "(2 * shDim " + embedding.shDim() + " + 3)"));
        checkDistinct(TANGENT, "shTangent", shTangent, "radialTangent", radialTangent, "scratch", scratch,
                "positions", positions, "shifts", shifts, "positionTangent", positionTangent);
        run(TANGENT, () -> runTangent(positions, shifts, graph, positionTangent, shTangent, radialTangent, scratch));
    }

    /**
     * The tangent of {@link #backward}'s position gradient when the positions move along
     * {@code positionTangent} and the feature gradients along {@code gradShTangent} and
     * {@code gradRadialTangent} (the shifts fixed): the Hessian term through the harmonics' and radial
     * features' second derivatives, plus the backward of the gradient tangents; gathered per atom in a
     * fixed order, so results repeat exactly.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]}, or null for none
     * @param graph the edges, uploaded to this op's device
     * @param positionTangent {@code [atoms, 3]}
     * @param gradSh {@code [edges, shDim]} given to {@link #backward}, or null for zero
     * @param gradShTangent {@code [edges, shDim]}, or null for zero
     * @param gradRadial {@code [edges, radialSize]} given to {@link #backward}, or null for zero
     * @param gradRadialTangent {@code [edges, radialSize]}, or null for zero
     * @param gradPositionsTangent {@code [atoms, 3]}, overwritten
     * @param scratch {@link #tangentScratchLength(int) tangentScratchLength(edges)} elements, overwritten
     * @throws IllegalArgumentException for a buffer of another device, dtype or length, or buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangentBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer gradSh, DeviceBuffer gradShTangent, DeviceBuffer gradRadial,
            DeviceBuffer gradRadialTangent, DeviceBuffer gradPositionsTangent, DeviceBuffer scratch) {
        checkOpen(TANGENT_BACKWARD);
        checkInputs(TANGENT_BACKWARD, positions, shifts, graph);
        int edges = graph.edgeCount();
        String atomsHow = "atoms " + graph.nodes() + " * 3";
        String shHow = edgesHow(edges, "shDim " + embedding.shDim());
        String radialHow = edgesHow(edges, "radialSize " + embedding.radialSize());
        checkBuffer(TANGENT_BACKWARD, "positionTangent", positionTangent, 3L * graph.nodes(), atomsHow);
        checkOptional(TANGENT_BACKWARD, "gradSh", gradSh, (long) edges * embedding.shDim(), shHow);
        checkOptional(TANGENT_BACKWARD, "gradShTangent", gradShTangent, (long) edges * embedding.shDim(), shHow);
        checkOptional(TANGENT_BACKWARD, "gradRadial", gradRadial, (long) edges * embedding.radialSize(), radialHow);
        checkOptional(TANGENT_BACKWARD, "gradRadialTangent", gradRadialTangent,
                (long) edges * embedding.radialSize(), radialHow);
        checkBuffer(TANGENT_BACKWARD, "gradPositionsTangent", gradPositionsTangent, 3L * graph.nodes(), atomsHow);
        checkBuffer(TANGENT_BACKWARD, "scratch", scratch, tangentScratchLength(edges),
                edgesHow(edges, "(4 * shDim " + embedding.shDim() + " + 3)"));
        checkDistinct(TANGENT_BACKWARD, "gradPositionsTangent", gradPositionsTangent, "scratch", scratch,
                "positions", positions, "shifts", shifts, "positionTangent", positionTangent, "gradSh", gradSh,
                "gradShTangent", gradShTangent, "gradRadial", gradRadial, "gradRadialTangent", gradRadialTangent);
        run(TANGENT_BACKWARD, () -> runTangentBackward(positions, shifts, graph, positionTangent, gradSh,
                gradShTangent, gradRadial, gradRadialTangent, gradPositionsTangent, scratch));
    }

    /**
     * {@link #forward} after validation.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]}, or null
     * @param graph the edges
     * @param vectors {@code [edges, 3]}, or null
     * @param lengths {@code [edges]}, or null
     * @param sh {@code [edges, shDim]}, or null
     * @param radial {@code [edges, radialSize]}, or null
     */
    protected abstract void runForward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer vectors, DeviceBuffer lengths, DeviceBuffer sh, DeviceBuffer radial);

    /**
     * {@link #backward} after validation.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]}, or null
     * @param graph the edges
     * @param gradSh {@code [edges, shDim]}, or null
     * @param gradRadial {@code [edges, radialSize]}, or null
     * @param gradPositions {@code [atoms, 3]}
     * @param gradShifts {@code [edges, 3]}, or null
     * @param scratch {@code scratchLength(edges)} elements
     */
    protected abstract void runBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer gradSh, DeviceBuffer gradRadial, DeviceBuffer gradPositions, DeviceBuffer gradShifts,
            DeviceBuffer scratch);

    /**
     * {@link #tangent} after validation.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]}, or null
     * @param graph the edges
     * @param positionTangent {@code [atoms, 3]}
     * @param shTangent {@code [edges, shDim]}, or null
     * @param radialTangent {@code [edges, radialSize]}, or null
     * @param scratch {@code scratchLength(edges)} elements
     */
    protected abstract void runTangent(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer shTangent, DeviceBuffer radialTangent, DeviceBuffer scratch);

    /**
     * {@link #tangentBackward} after validation.
     *
     * @param positions {@code [atoms, 3]}
     * @param shifts {@code [edges, 3]}, or null
     * @param graph the edges
     * @param positionTangent {@code [atoms, 3]}
     * @param gradSh {@code [edges, shDim]}, or null
     * @param gradShTangent {@code [edges, shDim]}, or null
     * @param gradRadial {@code [edges, radialSize]}, or null
     * @param gradRadialTangent {@code [edges, radialSize]}, or null
     * @param gradPositionsTangent {@code [atoms, 3]}
     * @param scratch {@code tangentScratchLength(edges)} elements
     */
    protected abstract void runTangentBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer gradSh, DeviceBuffer gradShTangent, DeviceBuffer gradRadial,
            DeviceBuffer gradRadialTangent, DeviceBuffer gradPositionsTangent, DeviceBuffer scratch);

    private void checkInputs(String call, DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph) {
        if (graph == null) throw new IllegalArgumentException(call + ": graph must not be null");
        if (graph.device() != device()) {
            throw new IllegalArgumentException(call + ": graph is on device " + graph.device().name()
                    + ", the op on " + device().name());
        }
        checkBuffer(call, "positions", positions, 3L * graph.nodes(), "atoms " + graph.nodes() + " * 3");
        checkOptional(call, "shifts", shifts, 3L * graph.edgeCount(), edgesHow(graph.edgeCount(), "3"));
    }

    private void checkOptional(String call, String role, DeviceBuffer buffer, long expected, String how) {
        if (buffer != null) checkBuffer(call, role, buffer, expected, how);
    }

    private static String edgesHow(int edges, String width) {
        return "edges " + edges + " * " + width;
    }
}
