package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/**
 * A device op linear in its input rows and linear in its weights (a {@link DeviceLinear}, a product with the
 * one-hot species), differentiated to second order by {@link DeviceBilinearStep} with the op's own forward and
 * backward, as {@link BilinearOp} is on the host.
 */
interface DeviceBilinear {
    /** The weights, one parameter's. */
    DeviceWeights weights();

    /** The width of an output row. */
    int dimOut();

    /** {@code out = op(x, weights)} for {@code rows} rows, {@code out} overwritten. */
    void apply(DeviceBuffer x, DeviceBuffer out, int rows);

    /**
     * The gradients of {@code <gradOut, op(x, weights)>} on x and on the weights, overwritten; either may be
     * null when not wanted.
     */
    void backward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradWeights, int rows);
}
