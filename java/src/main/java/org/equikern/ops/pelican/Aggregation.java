package org.equikern.ops.pelican;

/**
 * How PELICAN normalizes a sum over particles: {@link #MEAN} divides by the jet's particle count n
 * per summed index ({@code masked_mean}), {@link #SUM} by the fixed average count N_avg per summed
 * index ({@code masked_sum}).
 */
public enum Aggregation {
    /** Σ / n^k for k summed indices. */
    MEAN,
    /** Σ / N_avg^k for k summed indices. */
    SUM;

    /** The divisor of one summed index for a jet of {@code count} particles. */
    double divisor(int count, double averageCount) {
        return this == MEAN ? count : averageCount;
    }
}
