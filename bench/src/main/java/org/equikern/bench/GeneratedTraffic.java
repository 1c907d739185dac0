package org.equikern.bench;

import java.util.HashSet;
import java.util.Set;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.PlanPath;

/**
 * A model of the global-memory traffic of the generated tensor-product kernels
 * ({@code ops.tensorproduct.generated}), in elements per sample (or per edge), beside the fused
 * minimum: every input read once, every output written once. Two bounds for the generated
 * schedule: <em>unique</em>, where each kernel's reads of a sample's rows hit cache after the
 * first (what a GPU's L1/L2 gives for rows this small), and <em>issued</em>, every load the code
 * issues counted as traffic (no cache at all). Per-sample weights count per sample; shared
 * weights are amortized over the batch (0).
 */
public final class GeneratedTraffic {
    private final Plan plan;
    private final int weights;

    /** The model of {@code plan}'s generated kernels. */
    public GeneratedTraffic(Plan plan) {
        this.plan = plan;
        this.weights = plan.sharedWeights() ? 0 : plan.weightNumel();
    }

    /** Forward, fused minimum: x1, x2 and the weights read, out written. */
    public long forwardMinimum() {
        return (long) plan.dim1() + plan.dim2() + weights + plan.dimOut();
    }

    /** Forward+backward, fused minimum: the forward's traffic, grad_out read, the three gradients written. */
    public long trainingMinimum() {
        return forwardMinimum() + plan.dimOut() + plan.dim1() + plan.dim2() + weights;
    }

    /** Forward+backward of the generated schedule, rows cached per kernel: four kernels, each reading its rows once. */
    public long trainingUnique() {
        long gradX1 = plan.dim2() + weights + plan.dimOut() + plan.dim1();
        long gradX2 = plan.dim1() + weights + plan.dimOut() + plan.dim2();
        long gradWeights = (long) plan.dim1() + plan.dim2() + plan.dimOut() + weights;
        return forwardMinimum() + gradX1 + gradX2 + gradWeights;
    }

    /** Forward loads issued by the generated code (no cache) plus the writes. */
    public long forwardIssued() {
        long loads = 0;
        for (PlanPath p : plan.paths()) {
            long visits = mixed(p) ? (long) p.outMul() * p.pairCount() : p.pairCount();
            loads += visits * (components(p, 0) + components(p, 1) + (p.hasWeight() ? 1 : 0));
        }
        return loads + plan.dimOut();
    }

    /** Forward+backward loads issued by the generated code (no cache) plus the writes. */
    public long trainingIssued() {
        long loads = 0;
        for (PlanPath p : plan.paths()) {
            int w = p.hasWeight() ? 1 : 0;
            long pullBack = mixed(p) ? (long) p.outMul() * (components(p, 2) + w) : components(p, 2) + w;
            loads += (long) p.pairCount() * (components(p, 1) + pullBack);
            loads += (long) p.pairCount() * (components(p, 0) + pullBack);
            if (p.hasWeight() && p.pairCount() > 0) {
                loads += (long) p.weightSize() * (components(p, 0) + components(p, 1) + components(p, 2));
            }
        }
        return forwardIssued() + loads + plan.dim1() + plan.dim2() + weights;
    }

    /**
     * Forward of a convolution, per edge, fused minimum at {@code degree} edges per node: the
     * sender's row, the edge's attributes, weights and two indices, and the receiver's output row
     * written once per node (shared by {@code degree} edges).
     */
    public double convolutionMinimum(double degree) {
        return plan.dim1() + plan.dim2() + weights + 2 + plan.dimOut() / degree;
    }

    /**
     * Forward of the generated fused convolution, per edge, rows cached per node: the minimum plus
     * the CSR order index per edge and the segment offset per node.
     */
    public double convolutionGeneratedUnique(double degree) {
        return convolutionMinimum(degree) + 1 + 1 / degree;
    }

    /**
     * Forward of the generated fused convolution, per edge, without cache: each (node, channel)
     * item issues its own loads of the edge's rows and of the two indices.
     */
    public double convolutionGeneratedIssued(double degree) {
        int channels = 0;
        int[] blocks = plan.blocks(Plan.Operand.OUT);
        for (int b = 1; b < blocks.length; b += 3) channels += blocks[b];
        return forwardIssued() - plan.dimOut() + 2.0 * channels + (plan.dimOut() + 1) / degree;
    }

    /**
     * Backward of a convolution, per edge, fused minimum at {@code degree} edges per node, walking
     * each node's outgoing edges: the receiver's gradient row, the edge's attributes, weights and
     * two indices per edge; the sender's feature row read and its gradient written once per node;
     * the attribute and per-edge weight gradients written once per edge.
     */
    public double convolutionBackwardMinimum(double degree) {
        return plan.dimOut() + 2.0 * plan.dim2() + 2.0 * weights + 2 + 2.0 * plan.dim1() / degree;
    }

    /** Forward and backward of a convolution, per edge, fused minimum. */
    public double convolutionTrainingMinimum(double degree) {
        return convolutionMinimum(degree) + convolutionBackwardMinimum(degree);
    }

    /**
     * Forward and backward of the generated convolution, per edge, rows cached per kernel: the
     * forward, then the one fused backward launch (the minimum plus the CSR order index per edge
     * and one offset per node) and, for shared weights, the reduction pass reading the sender,
     * attribute and receiver rows and both indices of every edge.
     */
    public double convolutionTrainingFused(double degree) {
        boolean shared = plan.sharedWeights() && plan.weightNumel() > 0;
        double sharedPass = shared ? plan.dim1() + plan.dim2() + plan.dimOut() + 2 : 0;
        return convolutionGeneratedUnique(degree) + convolutionBackwardMinimum(degree) + 1 + 1 / degree + sharedPass;
    }

    /**
     * Forward and backward of the generated convolution as three backward kernels (before the
     * fused backward), per edge, rows cached per kernel: the node gradient over outgoing edges
     * (attributes, weights, the receiver's row, two indices; the node row written per node), the
     * attribute gradient per edge (sender and receiver rows, weights, two indices; written) and the
     * weight gradient per edge (sender, attribute and receiver rows, two indices; written).
     */
    public double convolutionTrainingThreeKernels(double degree) {
        double gradX = plan.dim2() + weights + plan.dimOut() + 2 + (plan.dim1() + 1) / degree;
        double gradAttrs = plan.dim1() + weights + plan.dimOut() + 2 + plan.dim2();
        double gradWeights = plan.dim1() + plan.dim2() + plan.dimOut() + 2 + weights;
        return convolutionGeneratedUnique(degree) + gradX + gradAttrs + gradWeights;
    }

    /**
     * Forward of the table path's staged convolution, per edge: gather x[src] (read, write a row,
     * one index), the product on the row, then the segment sum (read the product row, one index;
     * the node rows zeroed and written once).
     */
    public double convolutionStaged(double degree) {
        double gather = 2.0 * plan.dim1() + 1;
        double segmentSum = plan.dimOut() + 1 + 2.0 * plan.dimOut() / degree;
        return gather + forwardMinimum() + segmentSum;
    }

    private static boolean mixed(PlanPath p) {
        return p.mode().target() == Mode.Target.MIXED;
    }

    /** Distinct components of operand 0 (x1), 1 (x2) or 2 (output) the path's nonzeros read. */
    private static int components(PlanPath p, int operand) {
        Set<Integer> used = new HashSet<>();
        for (int n = 0; n < p.cgCount(); n++) used.add(operand == 0 ? p.cgI(n) : operand == 1 ? p.cgJ(n) : p.cgK(n));
        return used.size();
    }
}
