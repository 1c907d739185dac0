package org.equikern.ops.linear;

import org.equikern.nn.LinearLayout;

/**
 * A {@link LinearLayout} as the int records {@code kernels/common/linear.h} reads; the field
 * order mirrors that header's {@code LI_*} and {@code LB_*} defines.
 */
final class LinearTables {
    static final int INSTRUCTION_STRIDE = 6;
    static final int BLOCK_STRIDE = 3;

    private LinearTables() {
    }

    /** Per instruction: input offset, output offset, mulIn, mulOut, irrep dim, weight offset. */
    static int[] instructions(LinearLayout layout) {
        int[] inputOffset = layout.inputOffset();
        int[] outputOffset = layout.outputOffset();
        int[] mulIn = layout.mulIn();
        int[] mulOut = layout.mulOut();
        int[] irrepDim = layout.irrepDim();
        int[] weightOffset = layout.weightOffset();
        int[] out = new int[INSTRUCTION_STRIDE * layout.instructionCount()];
        for (int k = 0; k < layout.instructionCount(); k++) {
            int at = INSTRUCTION_STRIDE * k;
            out[at] = inputOffset[k];
            out[at + 1] = outputOffset[k];
            out[at + 2] = mulIn[k];
            out[at + 3] = mulOut[k];
            out[at + 4] = irrepDim[k];
            out[at + 5] = weightOffset[k];
        }
        return out;
    }

    /** Per output block: offset, dimension, bias offset (-1 without biases). */
    static int[] outputBlocks(LinearLayout layout) {
        int[] offset = layout.outputBlockOffset();
        int[] dim = layout.outputBlockDim();
        int[] bias = layout.outputBiasOffset();
        int[] out = new int[BLOCK_STRIDE * offset.length];
        for (int o = 0; o < offset.length; o++) {
            out[BLOCK_STRIDE * o] = offset[o];
            out[BLOCK_STRIDE * o + 1] = dim[o];
            out[BLOCK_STRIDE * o + 2] = bias[o];
        }
        return out;
    }
}
