package org.equikern.ops.tensorproduct.generated;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.equikern.device.DType;
import org.equikern.device.kernel.GeneratedProgram;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.tp.Instruction;
import org.equikern.tp.Plan;
import org.equikern.tp.Plan.Operand;
import org.equikern.tp.PlanPath;

/**
 * Writes one plan's tensor-product kernels, for one precision and dialect, from one model: the
 * forward, the two input gradients and the weight gradient, each unrolled per path and per
 * Clebsch–Gordan nonzero (literal coefficients, operands in registers, no arrays indexed at run
 * time). A work item owns one (sample, channel) of the operand it writes (the output, x1 or x2)
 * and every component of that channel, so it sums all the paths into that block in registers and
 * writes each element once: no atomics, the same result from run to run. The weight-gradient
 * item owns one weight over a slice of the batch ({@code partial[slice, weight]}, the first pass
 * of a batch reduction; a slice of one sample gives per-sample gradients).
 *
 * <p>The fused convolution kernels are the same bodies over a graph: a (node, channel) item sums
 * the node's edges in CSR order (destination-sorted for the output, source-sorted for the
 * backward, which writes all three gradients in one launch: {@link ConvolutionBackwardKernels}),
 * reading rows through the edge indices, so no per-edge row ever goes to global memory and the
 * result does not depend on scheduling. The double backward runs the same bodies with operand
 * rows swapped for their tangents.
 */
public final class TensorProductKernels {
    /** The program name every generated tensor-product program carries (devices cache by source). */
    public static final String PROGRAM = "tp_generated";
    /** {@code (batch, x1, x2, w, weightStride, out)} over {@code batch × channels(OUT)} items. */
    public static final KernelSignature FORWARD = KernelSignature.of(PROGRAM, "tp_gen_forward",
            INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER);
    /** {@code (batch, x2, w, weightStride, gradOut, gradX1)} over {@code batch × channels(IN1)} items. */
    public static final KernelSignature GRAD_X1 = KernelSignature.of(PROGRAM, "tp_gen_grad_x1",
            INT, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER);
    /** {@code (batch, x1, w, weightStride, gradOut, gradX2)} over {@code batch × channels(IN2)} items. */
    public static final KernelSignature GRAD_X2 = KernelSignature.of(PROGRAM, "tp_gen_grad_x2",
            INT, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER);
    /** {@code (batch, slices, chunk, x1, x2, gradOut, partial)} over {@code slices × weightNumel} items. */
    public static final KernelSignature GRAD_WEIGHTS = KernelSignature.of(PROGRAM, "tp_gen_grad_weights",
            INT, INT, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    /**
     * {@code (nodes, x, edgeAttrs, w, weightStride, src, targetOrder, targetOffsets, out)} over
     * {@code nodes × channels(OUT)} items: each sums its node's incoming edges in CSR order.
     */
    public static final KernelSignature CONV_FORWARD = KernelSignature.of(PROGRAM, "tp_gen_conv_forward",
            INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER);
    /** {@code want} bit of {@link #CONV_BACKWARD}: write the node-feature gradient. */
    public static final int WANT_GRAD_X = 1;
    /** {@code want} bit of {@link #CONV_BACKWARD}: write the edge-attribute gradient. */
    public static final int WANT_GRAD_ATTRS = 2;
    /** {@code want} bit of {@link #CONV_BACKWARD}: write the per-edge weight gradient. */
    public static final int WANT_GRAD_WEIGHTS = 4;
    /**
     * {@code (nodes, x, edgeAttrs, w, weightStride, src, targetOrder, targetOffsets, out)}, the
     * arguments of {@link #CONV_FORWARD}, over any number of work-groups (each loops over nodes):
     * the forward with edge rows staged through local memory, for GPU device types; present only
     * where {@link #hasStagedConvolution} (the rows fit the shared-memory budget).
     */
    public static final KernelSignature CONV_FORWARD_STAGED = KernelSignature.of(PROGRAM,
            "tp_gen_conv_forward_staged", INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, INT_BUFFER, INT_BUFFER,
            INT_BUFFER, REAL_BUFFER);
    /**
     * {@code (nodes, want, x, edgeAttrs, w, weightStride, gradOut, dst, sourceOrder, sourceOffsets,
     * gradX, gradEdgeAttrs, gradEdgeWeights)} over {@code nodes × (channels(IN1) + channels(IN2))}
     * items: the fused backward (all three gradients in one launch); {@code want} has bit 1 for
     * gradX, 2 for the attributes, 4 for per-edge weights (the others may be placeholders).
     */
    public static final KernelSignature CONV_BACKWARD = KernelSignature.of(PROGRAM, "tp_gen_conv_backward",
            INT, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, INT_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    /** {@code (edges, slices, chunk, x, edgeAttrs, gradOut, src, dst, partial)} over {@code slices × weightNumel} items. */
    public static final KernelSignature CONV_GRAD_WEIGHTS = KernelSignature.of(PROGRAM, "tp_gen_conv_grad_weights",
            INT, INT, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER);

    /**
     * {@code (nodes, want, x, vx, edgeAttrs, vEdgeAttrs, w, vw, weightStride, gradOut, dst, sourceOrder,
     * sourceOffsets, gradX, gradEdgeAttrs, gradEdgeWeights)}, items as {@link #CONV_BACKWARD}: the
     * double backward's gradients of x, the attributes and per-edge weights, each the sum of two
     * backward terms with one operand swapped for its tangent ({@code v*}).
     */
    public static final KernelSignature CONV_DOUBLE_BACKWARD = KernelSignature.of(PROGRAM,
            "tp_gen_conv_double_backward", INT, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, INT, REAL_BUFFER, INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    /**
     * {@code (nodes, x, vx, edgeAttrs, vEdgeAttrs, w, vw, weightStride, src, targetOrder, targetOffsets,
     * gradGradOut)} over {@code nodes × channels(OUT)} items: the double backward's gradient of
     * gradOut, three forward terms over each node's incoming edges.
     */
    public static final KernelSignature CONV_DOUBLE_BACKWARD_OUT = KernelSignature.of(PROGRAM,
            "tp_gen_conv_double_backward_out", INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, INT, INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER);
    /**
     * {@code (edges, slices, chunk, x, vx, edgeAttrs, vEdgeAttrs, gradOut, src, dst, partial)} over
     * {@code slices × weightNumel} items: the first pass of the double backward's shared-weight
     * gradient, two terms per edge.
     */
    public static final KernelSignature CONV_DOUBLE_BACKWARD_WEIGHTS = KernelSignature.of(PROGRAM,
            "tp_gen_conv_double_backward_weights", INT, INT, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER);

    /** Declarations of a kernel's parameters: a real row it reads, an index buffer, a real row it writes. */
    static final String IN = "const GLOBAL REAL *RESTRICT ";
    static final String INDEX_IN = "const GLOBAL int *RESTRICT ";
    static final String WRITTEN = "GLOBAL REAL *RESTRICT ";

    private final Plan plan;
    private final DType precision;
    private final OperandLayouts layouts;
    private final CodeWriter out = new CodeWriter();

    private TensorProductKernels(Plan plan, DType precision, OperandLayouts layouts) {
        this.plan = plan;
        this.precision = precision;
        this.layouts = layouts;
    }

    /**
     * The program of {@code plan}'s kernels in {@code dialect}, computing in
     * {@code precision}, on rows in {@code mul_ir}.
     *
     * @param plan the plan the kernels are specialized to
     * @param precision FLOAT32 or FLOAT64
     * @param dialect OpenCL C or CUDA
     * @return the program's source and kernel names
     * @throws IllegalArgumentException when {@code precision} is not FLOAT32 or FLOAT64
     */
    public static GeneratedProgram program(Plan plan, DType precision, KernelDialect dialect) {
        return program(plan, precision, dialect, OperandLayouts.MUL_IR);
    }

    /**
     * The program of {@code plan}'s kernels in {@code dialect}, computing in {@code precision},
     * indexing each operand's rows (and their gradients and tangents) in its layout.
     *
     * @param plan the plan the kernels are specialized to
     * @param precision FLOAT32 or FLOAT64
     * @param dialect OpenCL C or CUDA
     * @param layouts the layout of each operand's rows
     * @return the program's source and kernel names
     * @throws IllegalArgumentException when {@code precision} is not FLOAT32 or FLOAT64, or
     *     {@code layouts} is null
     */
    public static GeneratedProgram program(Plan plan, DType precision, KernelDialect dialect,
            OperandLayouts layouts) {
        if (!precision.isFloatingPoint()) {
            throw new IllegalArgumentException("precision must be FLOAT32 or FLOAT64, got " + precision);
        }
        if (layouts == null) throw new IllegalArgumentException("layouts must not be null");
        TensorProductKernels kernels = new TensorProductKernels(plan, precision, layouts);
        kernels.out.line("/* Generated for " + plan + (layouts.equals(OperandLayouts.MUL_IR) ? "" : " in " + layouts)
                + " */");
        kernels.forward();
        kernels.inputGradient(Operand.IN1, GRAD_X1, "x2");
        kernels.inputGradient(Operand.IN2, GRAD_X2, "x1");
        kernels.weightGradient();
        kernels.convolutionForward();
        new StagedConvolutionKernel(kernels.out, plan, precision, layouts, dialect)
                .forward(CONV_FORWARD_STAGED.name());
        ConvolutionBackwardKernels convolution = new ConvolutionBackwardKernels(kernels.out, plan, precision, layouts);
        convolution.backward(CONV_BACKWARD.name());
        convolution.doubleBackward(CONV_DOUBLE_BACKWARD.name());
        convolution.doubleBackwardOutput(CONV_DOUBLE_BACKWARD_OUT.name());
        kernels.convolutionDoubleBackwardWeights();
        kernels.convolutionWeightGradient();
        return new GeneratedProgram(PROGRAM, dialect, KernelSyntax.prelude(dialect, precision) + kernels.out);
    }

    /**
     * Whether the program of {@code plan} in {@code precision} and {@code dialect} has the staged
     * convolution forward: one edge's rows fit the dialect's shared-memory budget.
     *
     * @param plan the plan
     * @param precision FLOAT32 or FLOAT64
     * @param dialect the dialect
     * @return true when {@link #CONV_FORWARD_STAGED} is generated
     */
    public static boolean hasStagedConvolution(Plan plan, DType precision, KernelDialect dialect) {
        return StagingBudget.edgesPerStage(plan, precision, dialect) > 0;
    }

    /**
     * Channels of all blocks of {@code operand}: the work items per sample of its kernel.
     *
     * @param plan the plan
     * @param operand the operand
     * @return Σ mul over its blocks
     */
    public static int channels(Plan plan, Operand operand) {
        int[] blocks = plan.blocks(operand);
        int channels = 0;
        for (int b = 1; b < blocks.length; b += 3) channels = Math.addExact(channels, blocks[b]);
        return channels;
    }

    private void forward() {
        out.open("KERNEL void " + FORWARD.name() + "(const int batch, " + IN + "x1, " + IN + "x2, " + IN
                + "w, const int wstride, " + WRITTEN + "out)");
        if (sampleRows(Operand.OUT, "batch")) {
            out.line("const GLOBAL REAL *x1s = x1 + s * " + plan.dim1() + ";");
            out.line("const GLOBAL REAL *x2s = x2 + s * " + plan.dim2() + ";");
            out.line("const GLOBAL REAL *ws = w + s * wstride;");
            out.line("GLOBAL REAL *dst = out + s * " + plan.dimOut() + ";");
            perChannel(Operand.OUT, "o", () -> { }, path -> pathCode(path).forward());
        }
        out.close();
    }

    private void inputGradient(Operand operand, KernelSignature kernel, String other) {
        out.open("KERNEL void " + kernel.name() + "(const int batch, " + IN + other + ", " + IN
                + "w, const int wstride, " + IN + "gout, " + WRITTEN + "grad)");
        if (sampleRows(operand, "batch")) {
            out.line("const GLOBAL REAL *" + other + "s = " + other + " + s * "
                    + (operand == Operand.IN1 ? plan.dim2() : plan.dim1()) + ";");
            out.line("const GLOBAL REAL *ws = w + s * wstride;");
            out.line("const GLOBAL REAL *gs = gout + s * " + plan.dimOut() + ";");
            out.line("GLOBAL REAL *dst = grad + s * " + (operand == Operand.IN1 ? plan.dim1() : plan.dim2()) + ";");
            perChannel(operand, "ch", () -> { }, path -> pathCode(path).inputGradient(operand));
        }
        out.close();
    }

    /**
     * The guard and the split of the work item into (owner s: a sample, node or edge among
     * {@code count}, channel c); false (and only a bare return emitted) when the operand has no
     * channels.
     */
    private boolean sampleRows(Operand operand, String count) {
        int channels = channels(plan, operand);
        if (channels == 0) {
            out.line("return;");
            return false;
        }
        out.line("const INDEX gid = GLOBAL_ID;");
        out.line("if (gid >= (INDEX) " + count + " * " + channels + ") return;");
        out.line("const INDEX s = gid / " + channels + ";");
        out.line("const int c = (int) (gid - s * " + channels + ");");
        return true;
    }

    /**
     * One branch per block of {@code operand}: channel {@code channel} of the block, accumulators
     * for its components, {@code openRows} (the edge loop of a node's item, or nothing), every
     * contributing path into the block, then the block's elements written once to {@code dst}.
     */
    private void perChannel(Operand operand, String channel, Runnable openRows, Consumer<PlanPath> emitPath) {
        int[] blocks = plan.blocks(operand);
        int start = 0;
        for (int b = 0; b < blocks.length / 3; b++) {
            int offset = blocks[3 * b];
            int mul = blocks[3 * b + 1];
            int dim = blocks[3 * b + 2];
            if (mul == 0) continue;
            out.open((start == 0 ? "if" : "else if") + " (c < " + (start + mul) + ")");
            out.line("const int " + channel + " = c - " + start + ";");
            for (int k = 0; k < dim; k++) out.line("REAL acc" + k + " = 0;");
            int rows = out.depth();
            openRows.run();
            for (PlanPath path : pathsInto(plan, operand, b)) emitPath.accept(path);
            out.closeTo(rows);
            layouts.store(out, operand, offset, mul, dim, channel);
            out.close();
            start += mul;
        }
    }

    private PathCode pathCode(PlanPath path) {
        return new PathCode(out, path, precision, layouts);
    }

    /** The contributing paths whose block of {@code operand} is block {@code block}. */
    static List<PlanPath> pathsInto(Plan plan, Operand operand, int block) {
        List<PlanPath> paths = new ArrayList<>();
        for (PlanPath path : plan.paths()) {
            Instruction ins = plan.spec().instructions().get(path.instruction());
            int b = operand == Operand.IN1 ? ins.in1() : operand == Operand.IN2 ? ins.in2() : ins.out();
            if (b == block && PathCode.contributes(path)) paths.add(path);
        }
        return paths;
    }

    private void weightGradient() {
        weightGradientKernel(GRAD_WEIGHTS.name(), "batch", IN + "x1, " + IN + "x2, " + IN + "gout", () -> {
            out.line("const GLOBAL REAL *x1s = x1 + s * " + plan.dim1() + ";");
            out.line("const GLOBAL REAL *x2s = x2 + s * " + plan.dim2() + ";");
            out.line("const GLOBAL REAL *gs = gout + s * " + plan.dimOut() + ";");
        });
    }

    /**
     * The first pass of a weight-gradient reduction over {@code count} samples or edges:
     * {@code partial[slice, weight]} summed over the slice; each of {@code terms} emits the row
     * pointers {@code x1s}, {@code x2s} and {@code gs} of sample or edge {@code s} for one summand.
     */
    private void weightGradientKernel(String name, String count, String buffers, Runnable... terms) {
        out.open("KERNEL void " + name + "(const int " + count + ", const int slices, const int chunk, " + buffers
                + ", " + WRITTEN + "partial)");
        int numel = plan.weightNumel();
        if (numel == 0) {
            out.line("return;");
            out.close();
            return;
        }
        out.line("const INDEX gid = GLOBAL_ID;");
        out.line("if (gid >= (INDEX) slices * " + numel + ") return;");
        out.line("const INDEX slice = gid / " + numel + ";");
        out.line("const int e = (int) (gid - slice * " + numel + ");");
        out.line("const INDEX s0 = slice * chunk;");
        out.line("const INDEX s1 = s0 + chunk < " + count + " ? s0 + chunk : " + count + ";");
        out.line("REAL acc = 0;");
        boolean first = true;
        for (PlanPath path : plan.paths()) {
            if (!path.hasWeight() || !PathCode.contributes(path)) continue;
            int start = path.weightOffset();
            out.open((first ? "if" : "else if") + " (e >= " + start + " && e < " + (start + path.weightSize()) + ")");
            for (Runnable rows : terms) pathCode(path).weightGradient("e - " + start, rows);
            out.close();
            first = false;
        }
        out.line("partial[gid] = acc;");
        out.close();
    }

    private void convolutionForward() {
        out.open("KERNEL void " + CONV_FORWARD.name() + "(const int nodes, " + IN + "x, " + IN + "attrs, " + IN
                + "w, const int wstride, " + INDEX_IN + "from, " + INDEX_IN + "order, " + INDEX_IN + "offsets, " + WRITTEN
                + "out)");
        if (sampleRows(Operand.OUT, "nodes")) {
            out.line("GLOBAL REAL *dst = out + s * " + plan.dimOut() + ";");
            perChannel(Operand.OUT, "o", () -> {
                edgeLoop();
                out.line("const GLOBAL REAL *x1s = x + (INDEX) from[e] * " + plan.dim1() + ";");
                edgeRows();
            }, path -> pathCode(path).forward());
        }
        out.close();
    }

    private void convolutionWeightGradient() {
        weightGradientKernel(CONV_GRAD_WEIGHTS.name(), "edges", IN + "x, " + IN + "attrs, " + IN + "gout, "
                + INDEX_IN + "from, " + INDEX_IN + "to", () -> {
                    out.line("const GLOBAL REAL *x1s = x + (INDEX) from[s] * " + plan.dim1() + ";");
                    out.line("const GLOBAL REAL *x2s = attrs + s * " + plan.dim2() + ";");
                    out.line("const GLOBAL REAL *gs = gout + (INDEX) to[s] * " + plan.dimOut() + ";");
                });
    }

    /** The double backward's shared-weight gradient: the tangent of x, then that of the attributes. */
    private void convolutionDoubleBackwardWeights() {
        String x1 = "const GLOBAL REAL *x1s = %s + (INDEX) from[s] * " + plan.dim1() + ";";
        String x2 = "const GLOBAL REAL *x2s = %s + s * " + plan.dim2() + ";";
        String gs = "const GLOBAL REAL *gs = gout + (INDEX) to[s] * " + plan.dimOut() + ";";
        weightGradientKernel(CONV_DOUBLE_BACKWARD_WEIGHTS.name(), "edges", IN + "x, " + IN + "vx, " + IN + "attrs, "
                + IN + "vattrs, " + IN + "gout, " + INDEX_IN + "from, " + INDEX_IN + "to", () -> {
                    out.line(String.format(x1, "vx"));
                    out.line(String.format(x2, "attrs"));
                    out.line(gs);
                }, () -> {
                    out.line(String.format(x1, "x"));
                    out.line(String.format(x2, "vattrs"));
                    out.line(gs);
                });
    }

    /** The loop over node s's edges in its CSR segment, defining the edge e. */
    private void edgeLoop() {
        out.open("for (int k = offsets[s]; k < offsets[s + 1]; ++k)");
        out.line("const int e = order[k];");
    }

    /** The edge's attribute row and weights. */
    private void edgeRows() {
        out.line("const GLOBAL REAL *x2s = attrs + (INDEX) e * " + plan.dim2() + ";");
        out.line("const GLOBAL REAL *ws = w + (INDEX) e * wstride;");
    }
}
