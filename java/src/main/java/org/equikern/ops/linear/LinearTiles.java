package org.equikern.ops.linear;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.TiledWeightGradient;
import org.equikern.group.Irreps;
import org.equikern.nn.Linear;
import org.equikern.nn.LinearLayout;

/**
 * A {@link Linear} cut into the GEMMs the tiled kernels of {@code kernels/common/linear.h} run,
 * one per irreps block: the forward one per output block (rows: samples × components, columns:
 * the block's copies, k: the copies of every instruction into it), the input gradient one per
 * input block, the weight gradient one per instruction (x's copies against grad_out's, k: the
 * batch's rows). {@link #order()} lists the instructions of each block, in the order the element
 * kernels sum them, so both kernels add the same terms in the same order.
 */
final class LinearTiles {
    /**
     * One block's GEMM: where it lies, the instructions {@code order[first .. first + count)}
     * touching it, and (output blocks) its bias offset (-1 for none) and scale.
     */
    record Block(int offset, int irrepDim, int mul, int first, int count, int biasOffset, double scale) {
        /** Work items of the launch over {@code batch} samples: whole groups of tiles. */
        long workItems(int batch) {
            return GemmKernels.tiledWorkItems(Math.multiplyExact((long) batch, irrepDim), mul);
        }
    }

    private final int[] order;
    private final List<Block> outputBlocks;
    private final List<Block> inputBlocks;
    private final List<TiledWeightGradient.Block> weightBlocks;

    private LinearTiles(int[] order, List<Block> outputBlocks, List<Block> inputBlocks,
            List<TiledWeightGradient.Block> weightBlocks) {
        this.order = order;
        this.outputBlocks = outputBlocks;
        this.inputBlocks = inputBlocks;
        this.weightBlocks = weightBlocks;
    }

    /** The GEMMs of {@code linear}; blocks without components are left out (nothing to write). */
    static LinearTiles of(Linear linear) {
        LinearLayout layout = linear.layout();
        int[] outputBlock = layout.outputBlock();
        int[] inputBlock = layout.inputBlock();
        int[] order = new int[2 * layout.instructionCount()];
        int[] next = {0};
        List<Block> outputs = new ArrayList<>();
        Irreps out = linear.irrepsOut();
        double[] scale = layout.outputScale();
        int[] biasOffset = layout.outputBiasOffset();
        for (int o = 0; o < out.size(); o++) {
            int first = next[0];
            int count = collect(outputBlock, o, order, next);
            if (out.get(o).dim() == 0) continue;
            outputs.add(new Block(out.offset(o), out.get(o).irrep().dim(), out.get(o).mul(), first, count,
                    biasOffset[o], scale[o]));
        }
        List<Block> inputs = new ArrayList<>();
        Irreps in = linear.irrepsIn();
        for (int p = 0; p < in.size(); p++) {
            int first = next[0];
            int count = collect(inputBlock, p, order, next);
            if (in.get(p).dim() == 0) continue;
            inputs.add(new Block(in.offset(p), in.get(p).irrep().dim(), in.get(p).mul(), first, count, -1, 1));
        }
        return new LinearTiles(order, List.copyOf(outputs), List.copyOf(inputs), weightBlocks(linear));
    }

    /** Instruction k's weights: path weight × x's copies (u) against grad_out's copies (v). */
    private static List<TiledWeightGradient.Block> weightBlocks(Linear linear) {
        LinearLayout layout = linear.layout();
        int dimIn = linear.irrepsIn().dim();
        int dimOut = linear.irrepsOut().dim();
        List<TiledWeightGradient.Block> blocks = new ArrayList<>();
        for (int k = 0; k < layout.instructionCount(); k++) {
            blocks.add(new TiledWeightGradient.Block(layout.irrepDim()[k], layout.mulIn()[k], dimIn,
                    layout.inputOffset()[k], layout.mulOut()[k], dimOut, layout.outputOffset()[k],
                    layout.pathWeight()[k], layout.weightOffset()[k]));
        }
        return List.copyOf(blocks);
    }

    /** Appends to {@code order} the instructions whose block is {@code block}, in instruction order. */
    private static int collect(int[] blockOf, int block, int[] order, int[] next) {
        int count = 0;
        for (int k = 0; k < blockOf.length; k++) {
            if (blockOf[k] == block) {
                order[next[0]++] = k;
                count++;
            }
        }
        return count;
    }

    /** Instruction indices: per output block, then per input block, each block's {@code [first, first + count)}. */
    int[] order() {
        return order.clone();
    }

    /** The forward GEMMs, one per non-empty output block. */
    List<Block> outputBlocks() {
        return outputBlocks;
    }

    /** The input-gradient GEMMs, one per non-empty input block. */
    List<Block> inputBlocks() {
        return inputBlocks;
    }

    /** The weight-gradient GEMMs, one per instruction. */
    List<TiledWeightGradient.Block> weightBlocks() {
        return weightBlocks;
    }
}
