package org.equikern.backend.java;

import java.util.Arrays;

/**
 * Per-call (not per-thread) buffers for shared weights: the float32 weights widened once per call,
 * and one weight-gradient partial per chunk, summed in chunk order after the batch. Kept by the
 * executor between calls so the steady state allocates nothing.
 */
final class CallBuffers {
    final double[] weights;
    private double[] partials = new double[0];

    CallBuffers(int weightNumel) {
        this.weights = new double[weightNumel];
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
}
