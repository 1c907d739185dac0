package org.equikern.ops.tensorproduct;

import java.util.Arrays;

/**
 * Per-call (not per-thread) buffers for shared weights: the float32 weights widened once per call
 * (as rows and transposed rows too when {@link RowLoops} run the plan), and one weight-gradient
 * partial per chunk, summed in chunk order after the batch, and the float32 convolution's node
 * rows transposed once per call. Kept by the executor between calls so
 * the steady state allocates nothing.
 */
final class CallBuffers {
    final double[] weights;
    final double[][] weightRows;
    final double[][] transposedRows;
    /** {@link #weightRows} for every slot of a {@link RowScratch} block. */
    final double[][][] sharedWeightSlots;
    private double[] partials = new double[0];
    private float[] nodeFeatures = new float[0];
    private float[] nodeGradients = new float[0];

    CallBuffers(int weightNumel, RowPlan rows) {
        this.weights = new double[weightNumel];
        this.weightRows = rows == null ? null : rows.weightRows();
        this.transposedRows = rows == null ? null : rows.transposedRows();
        this.sharedWeightSlots = new double[RowScratch.SLOTS][][];
        Arrays.fill(sharedWeightSlots, weightRows);
    }

    /** Zeroed room for {@code length} partial-gradient values. */
    double[] partials(int length) {
        if (partials.length < length) {
            partials = new double[length];
        } else {
            Arrays.fill(partials, 0, length, 0.0);
        }
        return partials;
    }

    /** Room for {@code length} floats of node features transposed for a convolution (contents undefined). */
    float[] nodeFeatures(int length) {
        if (nodeFeatures.length < length) nodeFeatures = new float[length];
        return nodeFeatures;
    }

    /** Room for {@code length} floats of node output gradients transposed for a convolution (contents undefined). */
    float[] nodeGradients(int length) {
        if (nodeGradients.length < length) nodeGradients = new float[length];
        return nodeGradients;
    }
}
