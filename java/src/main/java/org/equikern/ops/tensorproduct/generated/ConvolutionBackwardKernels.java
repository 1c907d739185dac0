package org.equikern.ops.tensorproduct.generated;

import java.util.List;
import java.util.function.Consumer;
import org.equikern.device.DType;
import org.equikern.tp.Plan;
import org.equikern.tp.Plan.Operand;
import org.equikern.tp.PlanPath;

/**
 * Writes the convolution's fused backward kernels: one launch over {@code nodes × (channels(IN1) +
 * channels(IN2))} items that walks each node's outgoing edges (the source-sorted CSR segment)
 * and writes all three gradients. An item on an x channel sums the node-feature gradient of its
 * channel over the segment and writes the per-edge weight gradients of the pairs whose first
 * channel it is; an item on an edge-attribute channel writes that channel of every outgoing
 * edge's attribute gradient. Every edge has one source, so every element has one writer: no
 * atomics, no per-edge rows in global memory, the same result from run to run. The node's own
 * feature row is the x operand of all its edges, read once per item.
 *
 * <p>Each gradient is a list of {@link Term}s: the first-order backward has one plain term per
 * gradient, the double backward two, each swapping one operand row for its upstream tangent
 * (the sums of {@link org.equikern.tp.TrilinearDoubleBackward}, fused in one pass). The double
 * backward's output part, {@code ∂Q/∂gradOut}, is a forward over the destination-sorted segments
 * whose edge loop runs its three terms as a loop at run time.
 */
final class ConvolutionBackwardKernels {
    /**
     * One summand of a gradient: declarations that open its block (operand rows swapped for their
     * tangents, shadowing the plain rows) and whether only weighted paths take part (a term that
     * swaps the weights: unweighted paths do not depend on them).
     */
    record Term(String declarations, boolean weightedPathsOnly) {
        /** The plain gradient, nothing swapped. */
        static final Term PLAIN = new Term("", false);
    }

    private final CodeWriter out;
    private final Plan plan;
    private final DType precision;
    private final OperandLayouts layouts;

    ConvolutionBackwardKernels(CodeWriter out, Plan plan, DType precision, OperandLayouts layouts) {
        this.out = out;
        this.plan = plan;
        this.precision = precision;
        this.layouts = layouts;
    }

    /** The first-order fused backward. */
    void backward(String name) {
        sourceSide(name, "x, " + TensorProductKernels.IN + "attrs, " + TensorProductKernels.IN + "w",
                List.of(Term.PLAIN), List.of(Term.PLAIN), List.of(Term.PLAIN));
    }

    /**
     * The double backward's gradients of x, the attributes and per-edge weights, from the
     * tangents {@code vx}, {@code vattrs}, {@code vw} of the first-order gradients.
     */
    void doubleBackward(String name) {
        String in = TensorProductKernels.IN;
        Term vAttrs = new Term("const GLOBAL REAL *x2s = vattrs + (INDEX) e * " + plan.dim2() + ";", false);
        Term vWeights = new Term("const GLOBAL REAL *ws = vw + (INDEX) e * wstride;", true);
        Term vX = new Term("const GLOBAL REAL *x1s = vx + s * " + plan.dim1() + ";", false);
        sourceSide(name, "x, " + in + "vx, " + in + "attrs, " + in + "vattrs, " + in + "w, " + in + "vw",
                List.of(vAttrs, vWeights), List.of(vX, vWeights), List.of(vX, vAttrs));
    }

    /**
     * The double backward's {@code ∂Q/∂gradOut[n] = Σ_e T(vx, attrs, w) + T(x, vattrs, w) +
     * T(x, attrs, vw)} over node n's incoming edges, one item per (node, output channel).
     */
    void doubleBackwardOutput(String name) {
        String in = TensorProductKernels.IN;
        String index = TensorProductKernels.INDEX_IN;
        out.open("KERNEL void " + name + "(const int nodes, " + in + "x, " + in + "vx, " + in + "attrs, " + in
                + "vattrs, " + in + "w, " + in + "vw, const int wstride, " + index + "from, " + index + "order, "
                + index + "offsets, " + TensorProductKernels.WRITTEN + "out)");
        int items = TensorProductKernels.channels(plan, Operand.OUT);
        if (splitItems("nodes", items)) {
            blocks(Operand.OUT, "c", (block, offset, mul, dim) -> {
                declareAccumulators(dim);
                edgeLoop();
                // a run-time loop over the three terms: unrolled, nvcc keeps all three live (168
                // registers instead of 56 for fctp_uvw_32 in f32 on sm_90)
                out.line("NO_UNROLL");
                out.open("for (int term = 0; term < 3; ++term)");
                out.line("const GLOBAL REAL *x1s = (term == 0 ? vx : x) + (INDEX) from[e] * " + plan.dim1() + ";");
                out.line("const GLOBAL REAL *x2s = (term == 1 ? vattrs : attrs) + (INDEX) e * " + plan.dim2() + ";");
                out.line("const GLOBAL REAL *ws = (term == 2 ? vw : w) + (INDEX) e * wstride;");
                for (PlanPath path : TensorProductKernels.pathsInto(plan, Operand.OUT, block)) {
                    // the weights' term: unweighted paths do not depend on them
                    if (!path.hasWeight()) out.open("if (term != 2)");
                    pathCode(path).forward();
                    if (!path.hasWeight()) out.close();
                }
                out.close();
                out.close();
                write(Operand.OUT, "out + s * " + plan.dimOut(), "o", offset, mul, dim);
            }, "o");
        }
        out.close();
    }

    /**
     * The kernel over source-sorted segments: {@code inputs} declares the operands after
     * {@code x} (its type is emitted here), then the three gradients' terms.
     */
    private void sourceSide(String name, String inputs, List<Term> nodeTerms, List<Term> attrTerms,
            List<Term> weightTerms) {
        String index = TensorProductKernels.INDEX_IN;
        String written = TensorProductKernels.WRITTEN;
        out.open("KERNEL void " + name + "(const int nodes, const int want, " + TensorProductKernels.IN + inputs
                + ", const int wstride, " + TensorProductKernels.IN + "gout, " + index + "to, " + index + "order, "
                + index + "offsets, " + written + "gradX, " + written + "gradAttrs, " + written + "gradW)");
        int ch1 = TensorProductKernels.channels(plan, Operand.IN1);
        int ch2 = TensorProductKernels.channels(plan, Operand.IN2);
        if (splitItems("nodes", ch1 + ch2)) {
            out.line("const GLOBAL REAL *x1s = x + s * " + plan.dim1() + ";");
            if (ch1 > 0) {
                out.open("if (c < " + ch1 + ")");
                nodeChannels(nodeTerms, weightTerms);
                out.close();
            }
            if (ch2 > 0) {
                out.open("if (c >= " + ch1 + " && (want & " + TensorProductKernels.WANT_GRAD_ATTRS + "))");
                out.line("const int c2 = c - " + ch1 + ";");
                attributeChannels(attrTerms);
                out.close();
            }
        }
        out.close();
    }

    /** Items on x channels: the node-feature gradient and the owned per-edge weight gradients. */
    private void nodeChannels(List<Term> nodeTerms, List<Term> weightTerms) {
        boolean perEdgeWeights = !plan.sharedWeights() && plan.weightNumel() > 0;
        List<String> weightDeclarations = weightTerms.stream().map(Term::declarations).toList();
        blocks(Operand.IN1, "c", (block, offset, mul, dim) -> {
            declareAccumulators(dim);
            edgeLoop();
            edgeRows();
            out.open("if (want & " + TensorProductKernels.WANT_GRAD_X + ")");
            sum(nodeTerms, Operand.IN1, block, path -> pathCode(path).inputGradient(Operand.IN1));
            out.close();
            List<PlanPath> weighted = weightedPathsFrom(block);
            if (perEdgeWeights && !weighted.isEmpty()) {
                out.open("if (want & " + TensorProductKernels.WANT_GRAD_WEIGHTS + ")");
                out.line("GLOBAL REAL *gws = gradW + (INDEX) e * " + plan.weightNumel() + ";");
                for (PlanPath path : weighted) {
                    pathCode(path).ownedWeightGradients(weightDeclarations);
                }
                out.close();
            }
            out.close();
            out.open("if (want & " + TensorProductKernels.WANT_GRAD_X + ")");
            write(Operand.IN1, "gradX + s * " + plan.dim1(), "ch", offset, mul, dim);
            out.close();
        }, "ch");
    }

    /** Items on attribute channels: that channel of each outgoing edge's attribute gradient. */
    private void attributeChannels(List<Term> attrTerms) {
        blocks(Operand.IN2, "c2", (block, offset, mul, dim) -> {
            edgeLoop();
            edgeRows();
            declareAccumulators(dim);
            sum(attrTerms, Operand.IN2, block, path -> pathCode(path).inputGradient(Operand.IN2));
            write(Operand.IN2, "gradAttrs + (INDEX) e * " + plan.dim2(), "ch", offset, mul, dim);
            out.close();
        }, "ch");
    }

    /** The weighted paths with channel pairs whose x block is {@code block}: their weights are its items'. */
    private List<PlanPath> weightedPathsFrom(int block) {
        return plan.paths().stream().filter(p -> p.hasWeight() && p.pairCount() > 0
                && plan.spec().instructions().get(p.instruction()).in1() == block).toList();
    }

    /** What a block's branch emits, given the block, its row offset, its multiplicity and its irrep's dimension. */
    private interface BlockBody {
        void emit(int block, int offset, int mul, int dim);
    }

    /**
     * One branch per nonempty block of {@code operand}, chosen by item channel {@code item},
     * defining {@code channel} (the channel within the block) for {@code body}.
     */
    private void blocks(Operand operand, String item, BlockBody body, String channel) {
        int[] blocks = plan.blocks(operand);
        int start = 0;
        for (int b = 0; b < blocks.length / 3; b++) {
            int mul = blocks[3 * b + 1];
            if (mul == 0) continue;
            out.open((start == 0 ? "if" : "else if") + " (" + item + " < " + (start + mul) + ")");
            out.line("const int " + channel + " = " + item + " - " + start + ";");
            body.emit(b, blocks[3 * b], mul, blocks[3 * b + 2]);
            out.close();
            start += mul;
        }
    }

    /** Each term's block: its declarations, then every contributing path into {@code block} it applies to. */
    private void sum(List<Term> terms, Operand operand, int block, Consumer<PlanPath> emitPath) {
        List<PlanPath> paths = TensorProductKernels.pathsInto(plan, operand, block);
        for (Term term : terms) {
            int mark = out.depth();
            if (!term.declarations().isEmpty()) {
                out.open("");
                out.line(term.declarations());
            }
            for (PlanPath path : paths) {
                if (!term.weightedPathsOnly() || path.hasWeight()) emitPath.accept(path);
            }
            out.closeTo(mark);
        }
    }

    /** The guard and the split of the item into (node s, slot c); false (a bare return) with no slots. */
    private boolean splitItems(String count, int slots) {
        if (slots == 0) {
            out.line("return;");
            return false;
        }
        out.line("const INDEX gid = GLOBAL_ID;");
        out.line("if (gid >= (INDEX) " + count + " * " + slots + ") return;");
        out.line("const INDEX s = gid / " + slots + ";");
        out.line("const int c = (int) (gid - s * " + slots + ");");
        return true;
    }

    private void declareAccumulators(int dim) {
        for (int k = 0; k < dim; k++) out.line("REAL acc" + k + " = 0;");
    }

    /** Opens the loop over node s's CSR segment, defining the edge e. */
    private void edgeLoop() {
        out.open("for (int k = offsets[s]; k < offsets[s + 1]; ++k)");
        out.line("const int e = order[k];");
    }

    /** The outgoing edge's attribute row, weights and the gradient row of its destination. */
    private void edgeRows() {
        out.line("const GLOBAL REAL *x2s = attrs + (INDEX) e * " + plan.dim2() + ";");
        out.line("const GLOBAL REAL *ws = w + (INDEX) e * wstride;");
        out.line("const GLOBAL REAL *gs = gout + (INDEX) to[e] * " + plan.dimOut() + ";");
    }

    /**
     * Writes the accumulators of channel {@code channel} of a block of {@code operand} to the row
     * at {@code row}, in the operand's layout.
     */
    private void write(Operand operand, String row, String channel, int offset, int mul, int dim) {
        out.line("GLOBAL REAL *dst = " + row + ";");
        layouts.store(out, operand, offset, mul, dim, channel);
    }

    private PathCode pathCode(PlanPath path) {
        return new PathCode(out, path, precision, layouts);
    }
}
