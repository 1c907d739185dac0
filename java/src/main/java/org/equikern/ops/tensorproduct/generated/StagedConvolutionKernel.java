package org.equikern.ops.tensorproduct.generated;

import org.equikern.device.DType;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.tp.Plan;
import org.equikern.tp.Plan.Operand;
import org.equikern.tp.PlanPath;

/**
 * Writes the staged convolution forward for GPU device types: one work-group per node (looping
 * over nodes when the launch has fewer groups), its lanes on the node's output channels. The
 * node's incoming edges (its destination-sorted CSR segment) go through local/shared memory in
 * stages of {@link StagingBudget#edgesPerStage} edges: the group copies each staged edge's sender
 * row, attribute row and weights with consecutive lanes on consecutive elements (coalesced row
 * copies), then every lane sums its channel's paths from the staged rows. Shared memory is fixed
 * at generation time; a plan whose row does not fit the budget gets no staged kernel. The copies
 * move whole rows, so the staged rows keep their operands' layouts.
 */
final class StagedConvolutionKernel {
    private final CodeWriter out;
    private final Plan plan;
    private final DType precision;
    private final OperandLayouts layouts;
    private final int edgesPerStage;

    StagedConvolutionKernel(CodeWriter out, Plan plan, DType precision, OperandLayouts layouts,
            KernelDialect dialect) {
        this.out = out;
        this.plan = plan;
        this.precision = precision;
        this.layouts = layouts;
        this.edgesPerStage = StagingBudget.edgesPerStage(plan, precision, dialect);
    }

    /** Emits the kernel {@code name}, or nothing when the plan's rows are over the budget. */
    void forward(String name) {
        if (edgesPerStage == 0) return;
        String in = TensorProductKernels.IN;
        String index = TensorProductKernels.INDEX_IN;
        out.open("KERNEL void " + name + "(const int nodes, " + in + "x, " + in + "attrs, " + in
                + "w, const int wstride, " + index + "from, " + index + "order, " + index + "offsets, "
                + TensorProductKernels.WRITTEN + "out)");
        int row = StagingBudget.stagedRow(plan);
        int channels = TensorProductKernels.channels(plan, Operand.OUT);
        out.line("LOCAL_ARRAY REAL stage[" + edgesPerStage * row + "];");
        out.open("for (INDEX s = GROUP_ID; s < nodes; s += GROUP_COUNT)");
        out.line("const int k0 = offsets[s];");
        out.line("const int k1 = offsets[s + 1];");
        out.open("for (int c0 = 0; c0 < " + channels + "; c0 += LOCAL_SIZE)");
        out.line("const int c = c0 + LOCAL_ID;");
        for (int k = 0; k < maxDim(); k++) out.line("REAL acc" + k + " = 0;");
        out.open("for (int kb = k0; kb < k1; kb += " + edgesPerStage + ")");
        out.line("const int n = k1 - kb < " + edgesPerStage + " ? k1 - kb : " + edgesPerStage + ";");
        out.line("BARRIER();");
        copyRows(row);
        out.line("BARRIER();");
        out.open("for (int j = 0; j < n; ++j)");
        out.line("const LOCAL REAL *x1s = stage + j * " + row + ";");
        out.line("const LOCAL REAL *x2s = x1s + " + plan.dim1() + ";");
        out.line(perEdgeWeights() ? "const LOCAL REAL *ws = x2s + " + plan.dim2() + ";" : "const GLOBAL REAL *ws = w;");
        blocks((block, offset, mul, dim) -> {
            for (PlanPath path : TensorProductKernels.pathsInto(plan, Operand.OUT, block)) {
                new PathCode(out, path, precision, layouts).forward();
            }
        });
        out.close();
        out.close();
        out.line("GLOBAL REAL *dst = out + s * " + plan.dimOut() + ";");
        blocks((block, offset, mul, dim) -> layouts.store(out, Operand.OUT, offset, mul, dim, "o"));
        out.close();
        out.close();
        out.close();
    }

    /** The group copies the stage's rows: lane i takes elements i, i + LOCAL_SIZE, ... of the n rows. */
    private void copyRows(int row) {
        int d1 = plan.dim1();
        int d2 = plan.dim2();
        out.open("for (int i = LOCAL_ID; i < n * " + row + "; i += LOCAL_SIZE)");
        out.line("const int j = i / " + row + ";");
        out.line("const int r = i - j * " + row + ";");
        out.line("const int e = order[kb + j];");
        out.line("const GLOBAL REAL *x1s = x + (INDEX) from[e] * " + d1 + ";");
        out.line("const GLOBAL REAL *x2s = attrs + (INDEX) e * " + d2 + ";");
        String value = "x2s[r - " + d1 + "]";
        if (perEdgeWeights()) {
            out.line("const GLOBAL REAL *ws = w + (INDEX) e * wstride;");
            value = "r < " + (d1 + d2) + " ? " + value + " : ws[r - " + (d1 + d2) + "]";
        }
        out.line("stage[i] = r < " + d1 + " ? x1s[r] : " + value + ";");
        out.close();
    }

    private boolean perEdgeWeights() {
        return !plan.sharedWeights() && plan.weightNumel() > 0;
    }

    /** What a block's branch emits: the block, its row offset, its multiplicity and its irrep's dimension. */
    private interface BlockBody {
        void emit(int block, int offset, int mul, int dim);
    }

    /** One branch per nonempty output block, on the lane's channel c, defining the block channel o. */
    private void blocks(BlockBody body) {
        int[] blocks = plan.blocks(Operand.OUT);
        int start = 0;
        for (int b = 0; b < blocks.length / 3; b++) {
            int mul = blocks[3 * b + 1];
            if (mul == 0) continue;
            out.open((start == 0 ? "if" : "else if") + " (c < " + (start + mul) + ")");
            out.line("const int o = c - " + start + ";");
            body.emit(b, blocks[3 * b], mul, blocks[3 * b + 2]);
            out.close();
            start += mul;
        }
    }

    /** The largest irrep dimension of the output: the accumulators every block shares. */
    private int maxDim() {
        int[] blocks = plan.blocks(Operand.OUT);
        int max = 0;
        for (int b = 2; b < blocks.length; b += 3) max = Math.max(max, blocks[b]);
        return max;
    }
}
