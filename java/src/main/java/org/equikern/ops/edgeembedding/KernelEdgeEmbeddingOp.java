package org.equikern.ops.edgeembedding;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.EdgeEmbedding;

/**
 * An edge embedding with the kernels of {@code kernels/common/edge_embedding.h}, on OpenCL or
 * CUDA: one work item per edge for the features and the edge-vector gradients, one per atom to
 * gather those into the position gradients. The harmonics recursion tables and the
 * {@link RadialTables} are uploaded once, when the op is made.
 */
final class KernelEdgeEmbeddingOp extends EdgeEmbeddingOp {
    private static final String PROGRAM = "edge_embedding";
    private static final KernelSignature EDGE_EMBEDDING_FORWARD = KernelSignature.of(PROGRAM, "edge_embedding_forward",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature EDGE_EMBEDDING_EDGE_GRADIENT = KernelSignature.of(PROGRAM, "edge_embedding_edge_gradient",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature EDGE_EMBEDDING_ATOM_GRADIENT = KernelSignature.of(PROGRAM, "edge_embedding_atom_gradient",
            INT, INT, INT_BUFFER, INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature EDGE_EMBEDDING_TANGENT = KernelSignature.of(PROGRAM, "edge_embedding_tangent",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature EDGE_EMBEDDING_EDGE_GRADIENT_TANGENT = KernelSignature.of(PROGRAM,
            "edge_embedding_edge_gradient_tangent", INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    /** The header's {@code EE_*} flag bits. */
    private static final int SHIFTS = 1;
    private static final int VECTORS = 2;
    private static final int LENGTHS = 4;
    private static final int SH = 8;
    private static final int RADIAL = 16;
    private static final int GRAD_SHIFTS = 32;
    private static final int SH_TANGENT = 64;
    private static final int RADIAL_TANGENT = 128;

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer term;
    private final DeviceBuffer coefficient;
    private final DeviceBuffer scale;
    private final DeviceBuffer radialTable;
    private final int terms;
    private final int basis;

    KernelEdgeEmbeddingOp(Device device, KernelLauncher launcher, DType dtype, EdgeEmbedding embedding) {
        super(device, dtype, embedding);
        this.launcher = launcher;
        RadialTables radial = new RadialTables(embedding.radial());
        this.basis = radial.kind();
        SphericalHarmonics harmonics = embedding.harmonics();
        this.tables = new DeviceTables(device, dtype);
        try {
            int[] t = harmonics.recursionTerms();
            this.terms = t.length / 3;
            // A kernel argument needs memory behind it, even for lmax 0 (no recursion terms).
            this.term = tables.ints(t.length > 0 ? t : new int[1]);
            double[] c = harmonics.recursionCoefficients();
            this.coefficient = tables.reals(c.length > 0 ? c : new double[1]);
            this.scale = tables.reals(harmonics.componentScale());
            this.radialTable = tables.reals(radial.table());
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    @Override
    protected void runForward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph, DeviceBuffer vectors,
            DeviceBuffer lengths, DeviceBuffer sh, DeviceBuffer radial) {
        int flags = flag(shifts, SHIFTS) | flag(vectors, VECTORS) | flag(lengths, LENGTHS) | flag(sh, SH)
                | flag(radial, RADIAL);
        int edges = graph.edgeCount();
        launcher.launch(EDGE_EMBEDDING_FORWARD, dtype(), edges, edges, embedding().shDim(), terms,
                embedding().radialSize(), basis, flags, term, coefficient, scale, radialTable, graph.src(),
                graph.dst(), slot(positions), slot(shifts), slot(vectors), slot(lengths), slot(sh), slot(radial));
    }

    @Override
    protected void runBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph, DeviceBuffer gradSh,
            DeviceBuffer gradRadial, DeviceBuffer gradPositions, DeviceBuffer gradShifts, DeviceBuffer scratch) {
        int flags = flag(shifts, SHIFTS) | flag(gradSh, SH) | flag(gradRadial, RADIAL) | flag(gradShifts, GRAD_SHIFTS);
        int edges = graph.edgeCount();
        int dim = embedding().shDim();
        launcher.launch(EDGE_EMBEDDING_EDGE_GRADIENT, dtype(), edges, edges, dim, terms,
                embedding().radialSize(), basis, flags, term, coefficient, scale, radialTable, graph.src(),
                graph.dst(), slot(positions), slot(shifts), slot(gradSh), slot(gradRadial), slot(scratch),
                slot(gradShifts));
        launcher.launch(EDGE_EMBEDDING_ATOM_GRADIENT, dtype(), graph.nodes(), graph.nodes(), dim,
                graph.targetOrder(), graph.targetOffsets(), graph.sourceOrder(), graph.sourceOffsets(),
                slot(scratch), gradPositions);
    }

    @Override
    protected void runTangent(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer shTangent, DeviceBuffer radialTangent, DeviceBuffer scratch) {
        int flags = flag(shifts, SHIFTS) | flag(shTangent, SH) | flag(radialTangent, RADIAL);
        int edges = graph.edgeCount();
        launcher.launch(EDGE_EMBEDDING_TANGENT, dtype(), edges, edges, embedding().shDim(), terms,
                embedding().radialSize(), basis, flags, term, coefficient, scale, radialTable, graph.src(),
                graph.dst(), slot(positions), slot(shifts), slot(positionTangent), slot(scratch), slot(shTangent),
                slot(radialTangent));
    }

    @Override
    protected void runTangentBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer gradSh, DeviceBuffer gradShTangent, DeviceBuffer gradRadial,
            DeviceBuffer gradRadialTangent, DeviceBuffer gradPositionsTangent, DeviceBuffer scratch) {
        int flags = flag(shifts, SHIFTS) | flag(gradSh, SH) | flag(gradShTangent, SH_TANGENT)
                | flag(gradRadial, RADIAL) | flag(gradRadialTangent, RADIAL_TANGENT);
        int edges = graph.edgeCount();
        int dim = embedding().shDim();
        launcher.launch(EDGE_EMBEDDING_EDGE_GRADIENT_TANGENT, dtype(), edges, edges, dim, terms,
                embedding().radialSize(), basis, flags, term, coefficient, scale, radialTable, graph.src(),
                graph.dst(), slot(positions), slot(shifts), slot(positionTangent), slot(gradSh), slot(gradShTangent),
                slot(gradRadial), slot(gradRadialTangent), slot(scratch));
        // records of 4·dim + 3 are those of the first-order gather with twice the dim
        launcher.launch(EDGE_EMBEDDING_ATOM_GRADIENT, dtype(), graph.nodes(), graph.nodes(), 2 * dim,
                graph.targetOrder(), graph.targetOffsets(), graph.sourceOrder(), graph.sourceOffsets(),
                slot(scratch), gradPositionsTangent);
    }

    private static int flag(DeviceBuffer buffer, int bit) {
        return buffer != null ? bit : 0;
    }

    /**
     * The buffer for a kernel argument: kernels never touch an absent one (its flag is clear) nor
     * an empty one (no work item indexes it), but the slot needs memory behind it.
     */
    private DeviceBuffer slot(DeviceBuffer buffer) {
        return buffer != null && buffer.length() > 0 ? buffer : radialTable;
    }

    @Override
    protected void release() {
        tables.close();
    }
}
