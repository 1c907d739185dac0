package org.equikern.model;

import org.equikern.concurrent.ScratchPool;

/**
 * Reusable row-major buffers of one row width, for the per-edge arrays a pass needs only while it runs (a
 * convolution's messages before they are summed per receiver): each step of a training run on the same
 * batch takes back the buffers of the step before, where allocating them anew would zero megabytes per
 * pass. Contents are undefined on {@link #acquire}; thread-safe.
 */
final class RowBuffers {
    private final int width;
    private final ScratchPool<double[]> idle = new ScratchPool<>(() -> new double[0]);

    /** @param width the doubles per row */
    RowBuffers(int width) {
        this.width = width;
    }

    /** A buffer of exactly {@code rows × width} doubles that no other caller holds until {@link #release}. */
    double[] acquire(int rows) {
        double[] buffer = idle.acquire();
        return buffer.length == Math.multiplyExact(rows, width) ? buffer : new double[rows * width];
    }

    /** Gives back a buffer from {@link #acquire}, no longer read or written by the caller. */
    void release(double[] buffer) {
        idle.release(buffer);
    }
}
