package org.equikern.ops.tensorproduct;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.device.kernel.TiledWeightGradient;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.group.MulIrrep;
import org.equikern.ops.tensorproduct.generated.OperandLayouts;
import org.equikern.tp.Plan;
import org.equikern.tp.PlanPath;

/**
 * Tensor products and fused convolutions with the kernels of {@code kernels/common/tensor_product.h}
 * and {@code convolution.h}, on OpenCL or CUDA.
 * The plan's tables go to the device once; the coefficients once per precision used. Plans with
 * weighted uvw paths run those in two passes through a scratch buffer per precision, grown to
 * the largest batch seen and reused. Plans of uvu paths only, or of weighted uvw paths only (the
 * benchmark workloads and most models), run channel-chunk kernels; other plans run the
 * element-per-item kernels that serve every mode. Where {@link KernelPath} chooses the generated
 * path, forward, backward and the convolutions run the plan's generated kernels instead
 * ({@link GeneratedTensorProduct}; convolutions fused, no per-edge rows at any graph size), which
 * also serve {@code ir_mul} buffers natively ({@link #inLayout}).
 *
 * <p>Calls from several threads take turns: the scratch buffers are shared by the calls of the op,
 * and the device's in-order queue runs each call's launches after those of the call before, so
 * holding the op only while a call enqueues its launches keeps them apart (an uncontended lock: no
 * measurable cost on one thread).
 */
final class KernelTensorProductOp extends TensorProductOp {
    private static final String PROGRAM = "tensor_product";
    private static final String CONVOLUTION = "convolution";
    /** Items the sliced weight gradient aims at: enough work groups to keep every core busy. */
    private static final long SLICED_ITEMS = 4096;
    private static final String GATHER_SCATTER = "gather_scatter";
    private static final KernelSignature TP_COUPLE = KernelSignature.of(PROGRAM, "tp_couple",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_FORWARD_UVU = KernelSignature.of(PROGRAM, "tp_forward_uvu",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER);
    private static final KernelSignature TP_FORWARD_UVW = KernelSignature.of(PROGRAM, "tp_forward_uvw",
            INT, INT, INT_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_FORWARD = KernelSignature.of(PROGRAM, "tp_forward",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_GRAD_X1_CHUNKS = KernelSignature.of(PROGRAM, "tp_grad_x1_chunks",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature TP_GRAD_X1 = KernelSignature.of(PROGRAM, "tp_grad_x1",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_GRAD_X2_CHUNKS = KernelSignature.of(PROGRAM, "tp_grad_x2_chunks",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_GRAD_X2 = KernelSignature.of(PROGRAM, "tp_grad_x2",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_GRAD_W_SHARED = KernelSignature.of(PROGRAM, "tp_grad_w_shared",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_GRAD_W_UVU = KernelSignature.of(PROGRAM, "tp_grad_w_uvu",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_GRAD_W_PER_SAMPLE = KernelSignature.of(PROGRAM, "tp_grad_w_per_sample",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_TRANSPOSE_WEIGHTS = KernelSignature.of(PROGRAM, "tp_transpose_weights",
            INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_COUPLE_GRAD = KernelSignature.of(PROGRAM, "tp_couple_grad",
            INT, INT_BUFFER, REAL_BUFFER, INT, INT, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_FORWARD_UVW_TILED = KernelSignature.of(PROGRAM, "tp_forward_uvw_tiled",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature TP_COUPLE_GRAD_TILED = KernelSignature.of(PROGRAM, "tp_couple_grad_tiled",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GT_WEIGHT_GRADIENT = TiledWeightGradient.signature(PROGRAM);
    /** On CPU devices the chunk kernels: 3-7x faster than the tiles on PoCL (bench/results/GEMM-POCL.md). */
    private static final GemmKernels CPU_GEMM_KERNELS = GemmKernels.ELEMENTS;
    private static final KernelSignature TP_GRAD_W_UVW_SHARED = KernelSignature.of(PROGRAM, "tp_grad_w_uvw_shared",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SUM_SLICES = KernelSignature.of(PROGRAM, "sum_slices",
            INT, INT, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GATHER_ROWS = KernelSignature.of(GATHER_SCATTER, "gather_rows",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SEGMENT_SUM_ROWS = KernelSignature.of(GATHER_SCATTER, "segment_sum_rows",
            INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature CONV_FORWARD_ATOMIC = KernelSignature.of(CONVOLUTION, "conv_forward_atomic",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature CONV_FORWARD_SEGMENTED = KernelSignature.of(CONVOLUTION, "conv_forward_segmented",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, INT_BUFFER, INT_BUFFER,
            INT_BUFFER, REAL_BUFFER);
    private static final KernelSignature CONV_GRAD_NODES = KernelSignature.of(CONVOLUTION, "conv_grad_nodes",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, INT_BUFFER, INT_BUFFER,
            INT_BUFFER, REAL_BUFFER);
    private static final KernelSignature CONV_GRAD_SH = KernelSignature.of(CONVOLUTION, "conv_grad_sh",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature CONV_GRAD_W_SHARED = KernelSignature.of(CONVOLUTION, "conv_grad_w_shared",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature CONV_GRAD_W_PER_EDGE = KernelSignature.of(CONVOLUTION, "conv_grad_w_per_edge",
            INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER);
    /**
     * Most bytes of per-edge rows a convolution may stage to run through the channel-chunk
     * kernels (gather, product, segment sum); larger graphs use the fused convolution kernels.
     */
    private static final long STAGED_CONVOLUTION_BYTES = 256L << 20;

    private final KernelLauncher launcher;
    private final KernelPath kernelPath;
    /**
     * Whether this plan (all paths weighted uvw, weights shared) runs its GEMMs as tiles
     * ({@link GemmKernels#TILED}), before any other path: the forward as couplings then a GEMM per
     * output block, the backward's G and weight gradient as GEMMs per path.
     */
    private final boolean tiledUvw;
    /** The weight-gradient GEMMs of a tiled plan, one per path; empty otherwise. */
    private final List<TiledWeightGradient.Block> uvwWeightBlocks;
    /** The generated kernels, or null on the table path. */
    private final GeneratedTensorProduct generated;
    private final TensorProductTables tables;
    private final DeviceBuffer table;
    private final Map<DType, DeviceBuffer> coefficients = new EnumMap<>(DType.class);
    /** Stands in for the weight or scratch argument where the plan has none: kernels never read it. */
    private final Map<DType, DeviceBuffer> noWeights = new EnumMap<>(DType.class);
    private final DeviceScratch coupled;
    /** Per-slice sums of the shared uvw weight gradient, before tp_sum_slices adds them up. */
    private final DeviceScratch slices;
    /** Shared uvw weights transposed for tp_couple_grad. */
    private final DeviceScratch transposedWeights;
    private final int coupledLength;
    private final int coupledChunks;
    /** Per-edge rows of a staged convolution: gathered node features, products or gathered gradients, x1 gradients. */
    private final DeviceScratch edgeInputs;
    private final DeviceScratch edgeOutputs;
    private final DeviceScratch edgeInputGradients;
    /** The identity graph of the last generated double backward's batch, or null. */
    private DeviceGraph identity;

    KernelTensorProductOp(Device device, KernelLauncher launcher, Plan plan) {
        this(device, launcher, plan, IrrepsLayout.MUL_IR, KernelPath.choose(launcher, device.name()));
    }

    /**
     * The op on irreps buffers in {@code layout} over {@code kernelPath}; only the generated
     * kernels index a layout other than {@code mul_ir}.
     */
    private KernelTensorProductOp(Device device, KernelLauncher launcher, Plan plan, IrrepsLayout layout,
            KernelPath kernelPath) {
        super(device, plan, layout);
        if (layout != IrrepsLayout.MUL_IR && kernelPath != KernelPath.GENERATED) {
            throw new IllegalArgumentException("the table kernels index mul_ir only, not " + layout.label());
        }
        this.launcher = launcher;
        this.kernelPath = kernelPath;
        this.generated = kernelPath == KernelPath.GENERATED
                ? new GeneratedTensorProduct(device, launcher, plan, OperandLayouts.all(layout)) : null;
        this.tables = TensorProductTables.of(plan);
        // the tiled forward's coupling kernel reads mul_ir rows
        this.tiledUvw = layout == IrrepsLayout.MUL_IR && plan.sharedWeights() && tables.allWeightedUvw()
                && GemmKernels.choose(launcher, CPU_GEMM_KERNELS) == GemmKernels.TILED;
        this.table = device.upload(tables.table());
        this.coupledLength = tables.coupledLength();
        this.coupledChunks = tables.coupledChunks();
        this.uvwWeightBlocks = tiledUvw ? uvwWeightBlocks(plan, tables) : List.of();
        this.coupled = new DeviceScratch(device);
        this.slices = new DeviceScratch(device);
        this.transposedWeights = new DeviceScratch(device);
        this.edgeInputs = new DeviceScratch(device);
        this.edgeOutputs = new DeviceScratch(device);
        this.edgeInputGradients = new DeviceScratch(device);
    }

    /**
     * The op of {@code plan} on irreps buffers in {@code layout}: on the generated path (which
     * {@code ir_mul} takes wherever it compiles) the kernels index {@code layout} themselves; on
     * the table path a {@code mul_ir} op runs inside a {@link LayoutConvertingTensorProductOp}.
     *
     * @param device the device
     * @param launcher the device's launcher
     * @param plan the plan
     * @param layout the layout of the caller's irreps buffers
     * @return the op, owned by the caller
     */
    static TensorProductOp inLayout(Device device, KernelLauncher launcher, Plan plan, IrrepsLayout layout) {
        KernelPath path = KernelPath.choose(launcher, device.name(), layout);
        if (layout == IrrepsLayout.MUL_IR || path == KernelPath.GENERATED) {
            return new KernelTensorProductOp(device, launcher, plan, layout, path);
        }
        return new LayoutConvertingTensorProductOp(new KernelTensorProductOp(device, launcher, plan), layout);
    }

    /** The kernels this op's forward and backward run. */
    KernelPath kernelPath() {
        return kernelPath;
    }

    private synchronized DeviceBuffer coefficients(DType dtype) {
        return coefficients.computeIfAbsent(dtype, t -> t == DType.FLOAT64
                ? device().upload(tables.coefficients()) : device().upload(tables.coefficientsFloat()));
    }

    private synchronized DeviceBuffer weightsOrPlaceholder(DeviceBuffer weights, DType dtype) {
        return weights != null ? weights : noWeights.computeIfAbsent(dtype, t -> device().allocate(t, 1));
    }

    /**
     * The scratch of {@code batch × coupledLength} reals for the two-pass uvw kernels, or the
     * placeholder when the plan has no weighted uvw path. Launches on the device's queue run in
     * order, so consecutive passes can share it.
     */
    private DeviceBuffer coupled(DType dtype, int batch) {
        long length = (long) batch * coupledLength;
        return length == 0 ? weightsOrPlaceholder(null, dtype) : coupled.atLeast(dtype, length);
    }

    /** Fills the scratch with the couplings T of x1 and x2 (forward and weight gradient). */
    private DeviceBuffer couple(DeviceBuffer x1, DeviceBuffer x2, int batch) {
        DType t = x1.dtype();
        DeviceBuffer scratch = coupled(t, batch);
        if (coupledLength > 0 && batch > 0) {
            launcher.launch(TP_COUPLE, t, (long) batch * coupledChunks, batch, table, coefficients(t),
                    x1, x2, scratch);
        }
        return scratch;
    }

    private int weightStride() {
        return plan().sharedWeights() ? 0 : plan().weightNumel();
    }

    /** Whether the forward and backward run their GEMMs as tiles. */
    boolean tiledUvw() {
        return tiledUvw;
    }

    @Override
    protected synchronized void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer out, int batch) {
        DType t = x1.dtype();
        DeviceBuffer w = weightsOrPlaceholder(weights, t);
        if (tiledUvw) {
            forwardTiledUvw(couple(x1, x2, batch), w, out, batch);
            return;
        }
        if (generated != null) {
            generated.forward(x1, x2, w, weightStride(), out, batch);
            return;
        }
        if (tables.allUvu()) {
            launcher.launch(TP_FORWARD_UVU, t, (long) batch * tables.outputChunks(), batch,
                    tables.outputChunks(), table, coefficients(t), x1, x2, w, weightStride(), out);
            return;
        }
        DeviceBuffer scratch = couple(x1, x2, batch);
        if (tables.allWeightedUvw()) {
            launcher.launch(TP_FORWARD_UVW, t, reuseGroups(batch) * tables.outputChunks(), batch,
                    tables.outputChunks(), table, w, weightStride(), scratch, out);
        } else {
            launcher.launch(TP_FORWARD, t, (long) batch * plan().dimOut(), batch, table, coefficients(t),
                    x1, x2, w, weightStride(), scratch, out);
        }
    }

    /** out = T·W per output block, as tiled GEMMs (tp_forward_uvw_tiled); blocks without components write nothing. */
    private void forwardTiledUvw(DeviceBuffer coupledRows, DeviceBuffer w, DeviceBuffer out, int batch) {
        Irreps irrepsOut = plan().spec().irrepsOut();
        for (int ob = 0; ob < irrepsOut.size(); ob++) {
            MulIrrep block = irrepsOut.get(ob);
            if (block.dim() == 0) continue;
            long items = GemmKernels.tiledWorkItems(Math.multiplyExact((long) batch, block.irrep().dim()), block.mul());
            launcher.launch(TP_FORWARD_UVW_TILED, out.dtype(), items, batch, ob, table, w, coupledRows, out);
        }
    }

    /** Groups of {@link TensorProductTables#REUSE} samples covering the batch. */
    private static long reuseGroups(int batch) {
        return (batch + TensorProductTables.REUSE - 1) / TensorProductTables.REUSE;
    }

    @Override
    protected synchronized void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradWeights, int batch) {
        DType t = x1.dtype();
        DeviceBuffer w = weightsOrPlaceholder(weights, t);
        if (generated != null && !tiledUvw) {
            generated.backward(x1, x2, w, weightStride(), gradOut, gradX1, gradX2, gradWeights, batch);
            return;
        }
        DeviceBuffer cg = coefficients(t);
        if ((gradX1 != null || gradX2 != null) && batch > 0) {
            // G = grad_out contracted with the weights, shared by both input gradients
            DeviceBuffer g = coupled(t, batch);
            if (coupledLength > 0) coupleGradient(t, w, gradOut, g, batch);
            // the chunk kernels read grad_out and the weights (uvu) or G (weighted uvw)
            boolean viaG = tables.allWeightedUvw() && tables.fitsLaneTiles();
            boolean chunks = tables.allUvu() || viaG;
            if (gradX1 != null && chunks) {
                launcher.launch(TP_GRAD_X1_CHUNKS, t, (long) batch * tables.inputChunks(), batch,
                        tables.inputChunks(), viaG ? 1 : 0, table, cg, x2, w, weightStride(), gradOut, g, gradX1);
            } else if (gradX1 != null) {
                launcher.launch(TP_GRAD_X1, t, (long) batch * plan().dim1(), batch, table, cg, x2, w,
                        weightStride(), gradOut, g, gradX1);
            }
            if (gradX2 != null && chunks) {
                launcher.launch(TP_GRAD_X2_CHUNKS, t, (long) batch * tables.x2Blocks(), batch, viaG ? 1 : 0,
                        table, cg, x1, w, weightStride(), gradOut, g, gradX2);
            } else if (gradX2 != null) {
                launcher.launch(TP_GRAD_X2, t, (long) batch * plan().dim2(), batch, table, cg, x1, w,
                        weightStride(), gradOut, g, gradX2);
            }
        }
        if (gradWeights != null && plan().weightNumel() > 0) {
            DeviceBuffer scratch = couple(x1, x2, batch);
            if (tiledUvw) {
                TiledWeightGradient.run(device(), launcher, GT_WEIGHT_GRADIENT, t, batch, plan().weightNumel(),
                        uvwWeightBlocks, scratch, gradOut, gradWeights);
            } else if (plan().sharedWeights() && tables.allWeightedUvw()) {
                sharedUvwWeightGradient(t, gradOut, scratch, gradWeights, batch);
            } else if (plan().sharedWeights()) {
                BatchReduction.run(device(), launcher, PROGRAM, t, batch, plan().weightNumel(), gradWeights,
                        (items, slices, chunk, partial) -> launcher.launch(TP_GRAD_W_SHARED, t, items, batch,
                                slices, chunk, table, cg, x1, x2, gradOut, scratch, partial));
            } else if (batch > 0 && tables.allUvu()) {
                launcher.launch(TP_GRAD_W_UVU, t, (long) batch * tables.inputChunks(), batch,
                        tables.inputChunks(), table, cg, x1, x2, gradOut, gradWeights);
            } else if (batch > 0) {
                launcher.launch(TP_GRAD_W_PER_SAMPLE, t, (long) batch * plan().weightNumel(), batch,
                        table, cg, x1, x2, gradOut, scratch, gradWeights);
            }
        }
    }

    /**
     * Fills g with G = grad_out contracted with the weights: as tiled GEMMs per path, or with
     * tp_couple_grad. Shared weights of an all-uvw plan are transposed first for it (a small pass
     * over the weights), so it reads them contiguously.
     */
    private void coupleGradient(DType t, DeviceBuffer w, DeviceBuffer gradOut, DeviceBuffer g, int batch) {
        if (tiledUvw) {
            for (int q = 0; q < plan().paths().size(); q++) {
                PlanPath p = plan().paths().get(q);
                long rows = Math.multiplyExact((long) batch, p.outIrrep().dim());
                int pairs = Math.multiplyExact(p.in1Mul(), p.in2Mul());
                if (pairs == 0) continue;
                launcher.launch(TP_COUPLE_GRAD_TILED, t, GemmKernels.tiledWorkItems(rows, pairs), batch, q, table, w,
                        gradOut, g);
            }
            return;
        }
        boolean transpose = plan().sharedWeights() && tables.allWeightedUvw();
        DeviceBuffer weights = w;
        if (transpose) {
            weights = transposedWeights.atLeast(t, plan().weightNumel());
            launcher.launch(TP_TRANSPOSE_WEIGHTS, t, plan().weightNumel(), table, w, weights);
        }
        launcher.launch(TP_COUPLE_GRAD, t, reuseGroups(batch) * coupledChunks, batch, table, weights,
                weightStride(), transpose ? 1 : 0, gradOut, g);
    }

    /** The weight gradient of a tiled all-uvw plan: per path, T's (u, v) pairs against grad_out's copies w. */
    private static List<TiledWeightGradient.Block> uvwWeightBlocks(Plan plan, TensorProductTables tables) {
        List<TiledWeightGradient.Block> blocks = new ArrayList<>();
        for (int q = 0; q < plan.paths().size(); q++) {
            PlanPath p = plan.paths().get(q);
            blocks.add(new TiledWeightGradient.Block(p.outIrrep().dim(), Math.multiplyExact(p.in1Mul(), p.in2Mul()),
                    tables.coupledLength(), tables.coupledOffset(q), p.outMul(), plan.dimOut(), p.outOffset(), 1,
                    p.weightOffset()));
        }
        return List.copyOf(blocks);
    }

    /**
     * The shared weight gradient of an all-uvw plan from T: the batch is cut into slices so that
     * there are enough items for every core, each slice summed into its own row of a scratch,
     * then the rows added up in order (deterministic, no atomics).
     */
    private void sharedUvwWeightGradient(DType t, DeviceBuffer gradOut, DeviceBuffer coupledT, DeviceBuffer gradWeights,
            int batch) {
        int items = tables.weightGradientItems();
        int count = (int) Math.max(1, Math.min(batch, (SLICED_ITEMS + items - 1) / items));
        // at least the slices of a batch reduction, so that no item sums more than its chunk
        count = Math.max(count, BatchReduction.slices(batch, plan().weightNumel()).count());
        DeviceBuffer partial = slices.atLeast(t, (long) count * plan().weightNumel());
        launcher.launch(TP_GRAD_W_UVW_SHARED, t, (long) items * count, batch, items, count, table,
                gradOut, coupledT, partial);
        launcher.launch(SUM_SLICES, t, plan().weightNumel(), plan().weightNumel(), count, partial,
                gradWeights);
    }

    /**
     * Whether a convolution runs staged, as gather → channel-chunk product → segment sum (as
     * deterministic as the fused kernels, and several times faster where the chunk kernels apply),
     * rather than through the fused element-per-item kernels: for plans the chunk kernels serve,
     * on graphs with edges whose per-edge rows fit {@link #STAGED_CONVOLUTION_BYTES}.
     */
    private boolean staged(DeviceGraph graph, DType t) {
        long rowBytes = (long) (2 * plan().dim1() + plan().dimOut()) * t.bytes();
        return (tables.allUvu() || tables.allWeightedUvw()) && graph.edgeCount() > 0
                && rowBytes * graph.edgeCount() <= STAGED_CONVOLUTION_BYTES;
    }

    /** {@code rows[e] = x[index[e]]} for e &lt; edges, into a scratch. */
    private DeviceBuffer gatherRows(DeviceScratch rows, DeviceBuffer x, DeviceBuffer index, int nodes, int edges, int width) {
        DeviceBuffer out = rows.atLeast(x.dtype(), (long) edges * width);
        launcher.launch(GATHER_ROWS, x.dtype(), (long) edges * width, edges, width, nodes, index, x,
                out);
        return out;
    }

    /** {@code out[n] += Σ rows[order[k]]} over node n's segment of the CSR, in order. */
    private void segmentSum(DeviceBuffer rows, DeviceBuffer order, DeviceBuffer offsets, int nodes, int edges,
            int width, DeviceBuffer out) {
        if (nodes == 0) return;
        launcher.launch(SEGMENT_SUM_ROWS, rows.dtype(), (long) nodes * width, nodes, width, edges,
                offsets, order, rows, out);
    }

    @Override
    protected synchronized void runConvolve(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights, DeviceGraph graph,
            DeviceBuffer out, Summation summation) {
        DType t = x.dtype();
        if (generated != null) {
            generated.convolve(x, edgeAttrs, weightsOrPlaceholder(edgeWeights, t), weightStride(), graph, out);
            return;
        }
        if (staged(graph, t)) {
            int edges = graph.edgeCount();
            DeviceBuffer x1 = gatherRows(edgeInputs, x, graph.src(), graph.nodes(), edges, plan().dim1());
            DeviceBuffer products = edgeOutputs.atLeast(t, (long) edges * plan().dimOut());
            runForward(x1, edgeAttrs, edgeWeights, products, edges);
            out.zero();
            segmentSum(products, graph.targetOrder(), graph.targetOffsets(), graph.nodes(), edges, plan().dimOut(), out);
            return;
        }
        DeviceBuffer w = weightsOrPlaceholder(edgeWeights, t);
        boolean atomic = summation == Summation.ATOMIC
                && (t == DType.FLOAT32 || launcher.supportsFloat64Atomics());
        if (atomic) {
            out.zero();
            if (graph.edgeCount() == 0) return;
            launcher.launch(CONV_FORWARD_ATOMIC, t, (long) graph.edgeCount() * plan().dimOut(),
                    graph.edgeCount(), table, coefficients(t), x, edgeAttrs, w, weightStride(), graph.src(),
                    graph.dst(), out);
        } else if (graph.nodes() > 0) {
            launcher.launch(CONV_FORWARD_SEGMENTED, t, (long) graph.nodes() * plan().dimOut(),
                    graph.nodes(), table, coefficients(t), x, edgeAttrs, w, weightStride(), graph.src(),
                    graph.targetOrder(), graph.targetOffsets(), out);
        }
    }

    @Override
    protected synchronized void runConvolveBackward(DeviceBuffer x, DeviceBuffer edgeAttrs, DeviceBuffer edgeWeights,
            DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights) {
        DType t = x.dtype();
        if (generated != null) {
            generated.convolveBackward(x, edgeAttrs, weightsOrPlaceholder(edgeWeights, t), weightStride(), graph,
                    gradOut, gradX, gradEdgeAttrs, gradEdgeWeights, weightsOrPlaceholder(null, t));
            return;
        }
        if (staged(graph, t)) {
            int edges = graph.edgeCount();
            DeviceBuffer x1 = gatherRows(edgeInputs, x, graph.src(), graph.nodes(), edges, plan().dim1());
            DeviceBuffer g = gatherRows(edgeOutputs, gradOut, graph.dst(), graph.nodes(), edges, plan().dimOut());
            DeviceBuffer gradX1 = gradX == null ? null : edgeInputGradients.atLeast(t, (long) edges * plan().dim1());
            runBackward(x1, edgeAttrs, edgeWeights, g, gradX1, gradEdgeAttrs, gradEdgeWeights, edges);
            if (gradX != null) {
                gradX.zero();
                segmentSum(gradX1, graph.sourceOrder(), graph.sourceOffsets(), graph.nodes(), edges, plan().dim1(),
                        gradX);
            }
            return;
        }
        DeviceBuffer cg = coefficients(t);
        DeviceBuffer w = weightsOrPlaceholder(edgeWeights, t);
        int edges = graph.edgeCount();
        if (gradX != null && graph.nodes() > 0) {
            launcher.launch(CONV_GRAD_NODES, t, (long) graph.nodes() * plan().dim1(), graph.nodes(),
                    table, cg, edgeAttrs, w, weightStride(), gradOut, graph.dst(), graph.sourceOrder(),
                    graph.sourceOffsets(), gradX);
        }
        if (gradEdgeAttrs != null && edges > 0) {
            launcher.launch(CONV_GRAD_SH, t, (long) edges * plan().dim2(), edges, table, cg, x, w,
                    weightStride(), gradOut, graph.src(), graph.dst(), gradEdgeAttrs);
        }
        if (gradEdgeWeights != null && plan().weightNumel() > 0) {
            if (plan().sharedWeights()) {
                BatchReduction.run(device(), launcher, CONVOLUTION, t, edges, plan().weightNumel(), gradEdgeWeights,
                        (items, slices, chunk, partial) -> launcher.launch(CONV_GRAD_W_SHARED, t, items,
                                edges, slices, chunk, table, cg, x, edgeAttrs, gradOut, graph.src(), graph.dst(),
                                partial));
            } else if (edges > 0) {
                launcher.launch(CONV_GRAD_W_PER_EDGE, t, (long) edges * plan().weightNumel(), edges,
                        table, cg, x, edgeAttrs, gradOut, graph.src(), graph.dst(), gradEdgeWeights);
            }
        }
    }

    /** On the generated path: the fused double backward of the convolution over the identity graph. */
    @Override
    protected synchronized void runDoubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer weights,
            DeviceBuffer gradOut, DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vWeights, DeviceBuffer gradX1,
            DeviceBuffer gradX2, DeviceBuffer gradWeights, DeviceBuffer gradGradOut, int batch) {
        if (generated == null) {
            super.runDoubleBackward(x1, x2, weights, gradOut, v1, v2, vWeights, gradX1, gradX2, gradWeights,
                    gradGradOut, batch);
            return;
        }
        runConvolveDoubleBackward(x1, x2, weights, identity(batch), gradOut, v1, v2, vWeights, gradX1, gradX2,
                gradWeights, gradGradOut);
    }

    @Override
    protected synchronized void runConvolveDoubleBackward(DeviceBuffer x, DeviceBuffer edgeAttrs,
            DeviceBuffer edgeWeights, DeviceGraph graph, DeviceBuffer gradOut, DeviceBuffer vX,
            DeviceBuffer vEdgeAttrs, DeviceBuffer vEdgeWeights, DeviceBuffer gradX, DeviceBuffer gradEdgeAttrs,
            DeviceBuffer gradEdgeWeights, DeviceBuffer gradGradOut) {
        if (generated == null) {
            super.runConvolveDoubleBackward(x, edgeAttrs, edgeWeights, graph, gradOut, vX, vEdgeAttrs, vEdgeWeights,
                    gradX, gradEdgeAttrs, gradEdgeWeights, gradGradOut);
            return;
        }
        DType t = x.dtype();
        try (MemoryScope scope = device().openScope()) {
            generated.convolveDoubleBackward(x, edgeAttrs, weightsOrPlaceholder(edgeWeights, t), weightStride(), graph,
                    gradOut, vX, vEdgeAttrs, vEdgeWeights, gradX, gradEdgeAttrs, gradEdgeWeights, gradGradOut,
                    weightsOrPlaceholder(null, t), scope);
        }
    }

    /**
     * The graph whose edge s joins node s to itself: a batch of products is a convolution over it
     * (kept for the next call of the same batch).
     */
    private DeviceGraph identity(int batch) {
        if (identity == null || identity.nodes() != batch) {
            if (identity != null) identity.close();
            int[] self = new int[batch];
            for (int s = 0; s < batch; s++) self[s] = s;
            identity = DeviceGraph.upload(device(), EdgeIndex.of(batch, self, self));
        }
        return identity;
    }

    @Override
    protected synchronized void release() {
        table.close();
        coefficients.values().forEach(DeviceBuffer::close);
        noWeights.values().forEach(DeviceBuffer::close);
        coupled.close();
        slices.close();
        transposedWeights.close();
        edgeInputs.close();
        edgeOutputs.close();
        edgeInputGradients.close();
        if (identity != null) identity.close();
        coefficients.clear();
        noWeights.clear();
    }
}
