package org.equikern.nn;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * The flat description of a {@link Linear} layer that a kernel needs: plain {@code int[]} and
 * {@code double[]} tables, no objects.
 *
 * <p><b>Instructions</b> (index {@code k}), in e3nn's order: for each input block, for each output
 * block with the same irrep. Instructions with no weights (an empty block on either side) are
 * left out, as e3nn's code generator does. Instruction {@code k} computes, for every sample,
 * <pre>
 *   out[outputOffset + v·irrepDim + i] += pathWeight · Σ_u w[weightOffset + u·mulOut + v] · x[inputOffset + u·irrepDim + i]
 * </pre>
 * for {@code u < mulIn, v < mulOut, i < irrepDim}: the weight block is {@code [mulIn, mulOut]},
 * row-major, and the blocks lie path after path in instruction order. The {@code pathWeight} is
 * {@code 1/√(Σ mulIn over the instructions into that output block)} (e3nn's "element" path
 * normalization), so it is the same for all instructions into one output block.
 *
 * <p><b>Output blocks</b> (index {@code o}, one per block of {@code irrepsOut}): offset and
 * dimension in the output vector, the scale {@link #outputScale()} shared by the instructions that
 * feed it, and {@link #outputBiasOffset()}: for a {@code 0e} block with biases, where its
 * {@code mul} biases start in the bias vector (added unscaled, once per channel), otherwise -1.
 * Output blocks that no instruction feeds are zero (plus their bias, if any). Immutable; getters
 * return copies.
 */
public final class LinearLayout {
    final int dimIn;
    final int dimOut;
    final int weightNumel;
    final int biasNumel;
    final int[] inputBlock;
    final int[] outputBlock;
    final int[] inputOffset;
    final int[] outputOffset;
    final int[] mulIn;
    final int[] mulOut;
    final int[] irrepDim;
    final int[] weightOffset;
    final double[] pathWeight;
    final int[] blockOffset;
    final int[] blockDim;
    final double[] blockScale;
    final int[] blockBiasOffset;

    private LinearLayout(Irreps in, Irreps out, List<int[]> pairs, boolean biases) {
        int n = pairs.size();
        dimIn = in.dim();
        dimOut = out.dim();
        inputBlock = new int[n];
        outputBlock = new int[n];
        inputOffset = new int[n];
        outputOffset = new int[n];
        mulIn = new int[n];
        mulOut = new int[n];
        irrepDim = new int[n];
        weightOffset = new int[n];
        pathWeight = new double[n];
        int[] fanIn = new int[out.size()];
        for (int[] pair : pairs) {
            fanIn[pair[1]] += in.get(pair[0]).mul();
        }
        blockOffset = new int[out.size()];
        blockDim = new int[out.size()];
        blockScale = new double[out.size()];
        blockBiasOffset = new int[out.size()];
        int bias = 0;
        for (int o = 0; o < out.size(); o++) {
            MulIrrep block = out.get(o);
            blockOffset[o] = out.offset(o);
            blockDim[o] = block.dim();
            blockScale[o] = 1 / Math.sqrt(fanIn[o] == 0 ? 1 : fanIn[o]);
            boolean hasBias = biases && block.irrep().isScalar() && block.mul() > 0;
            blockBiasOffset[o] = hasBias ? bias : -1;
            bias += hasBias ? block.mul() : 0;
        }
        biasNumel = bias;
        long weights = 0;
        for (int k = 0; k < n; k++) {
            int i = pairs.get(k)[0];
            int o = pairs.get(k)[1];
            inputBlock[k] = i;
            outputBlock[k] = o;
            inputOffset[k] = in.offset(i);
            outputOffset[k] = out.offset(o);
            mulIn[k] = in.get(i).mul();
            mulOut[k] = out.get(o).mul();
            irrepDim[k] = in.get(i).irrep().dim();
            weightOffset[k] = (int) weights;
            pathWeight[k] = blockScale[o];
            weights += (long) mulIn[k] * mulOut[k];
            if (weights > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Linear " + in + " -> " + out + " needs more than 2^31-1 weights");
            }
        }
        weightNumel = (int) weights;
    }

    /**
     * The layout of e3nn's {@code o3.Linear(in, out)} with all allowed instructions, path
     * normalization "element", and biases on the {@code 0e} output blocks if {@code biases}.
     */
    static LinearLayout of(Irreps in, Irreps out, boolean biases) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            for (int o = 0; o < out.size(); o++) {
                boolean sameIrrep = in.get(i).irrep().equals(out.get(o).irrep());
                if (sameIrrep && in.get(i).mul() > 0 && out.get(o).mul() > 0) {
                    pairs.add(new int[] {i, o});
                }
            }
        }
        return new LinearLayout(in, out, pairs, biases);
    }

    /**
     * Number of instructions (weight blocks).
     *
     * @return the count
     */
    public int instructionCount() {
        return inputBlock.length;
    }

    /**
     * Total number of weights: Σ mulIn·mulOut over the instructions.
     *
     * @return the count
     */
    public int weightNumel() {
        return weightNumel;
    }

    /**
     * Total number of biases: Σ mul over the output blocks with biases.
     *
     * @return the count
     */
    public int biasNumel() {
        return biasNumel;
    }

    /**
     * Per instruction: index of its block in {@code irrepsIn}.
     *
     * @return a new array, one block per instruction
     */
    public int[] inputBlock() {
        return inputBlock.clone();
    }

    /**
     * Per instruction: index of its block in {@code irrepsOut}.
     *
     * @return a new array, one block per instruction
     */
    public int[] outputBlock() {
        return outputBlock.clone();
    }

    /**
     * Per instruction: start of its input block in an input vector.
     *
     * @return a new array, one offset per instruction
     */
    public int[] inputOffset() {
        return inputOffset.clone();
    }

    /**
     * Per instruction: start of its output block in an output vector.
     *
     * @return a new array, one offset per instruction
     */
    public int[] outputOffset() {
        return outputOffset.clone();
    }

    /**
     * Per instruction: multiplicity of the input block (rows of the weight block).
     *
     * @return a new array, one multiplicity per instruction
     */
    public int[] mulIn() {
        return mulIn.clone();
    }

    /**
     * Per instruction: multiplicity of the output block (columns of the weight block).
     *
     * @return a new array, one multiplicity per instruction
     */
    public int[] mulOut() {
        return mulOut.clone();
    }

    /**
     * Per instruction: {@code 2l+1} of the shared irrep.
     *
     * @return a new array, one dimension per instruction
     */
    public int[] irrepDim() {
        return irrepDim.clone();
    }

    /**
     * Per instruction: start of its {@code [mulIn, mulOut]} block in the weight vector.
     *
     * @return a new array, one offset per instruction
     */
    public int[] weightOffset() {
        return weightOffset.clone();
    }

    /**
     * Per instruction: the factor e3nn applies, {@code 1/√fan-in} of its output block.
     *
     * @return a new array, one factor per instruction
     */
    public double[] pathWeight() {
        return pathWeight.clone();
    }

    /**
     * Per output block: start in an output vector.
     *
     * @return a new array, one offset per output block
     */
    public int[] outputBlockOffset() {
        return blockOffset.clone();
    }

    /**
     * Per output block: {@code mul·(2l+1)}.
     *
     * @return a new array, one dimension per output block
     */
    public int[] outputBlockDim() {
        return blockDim.clone();
    }

    /**
     * Per output block: {@code 1/√(Σ mulIn into it)}, or 1 when nothing feeds it.
     *
     * @return a new array, one factor per output block
     */
    public double[] outputScale() {
        return blockScale.clone();
    }

    /**
     * Per output block: start of its biases in the bias vector, or -1 if it has none.
     *
     * @return a new array, one offset per output block
     */
    public int[] outputBiasOffset() {
        return blockBiasOffset.clone();
    }
}
