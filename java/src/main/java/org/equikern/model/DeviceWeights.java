package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/**
 * One layer's weights on a device: {@code factor ·} one parameter's slice of the flat
 * {@link DeviceParameters#values()}, in a buffer of its own that the layer's ops read; the gradient on that
 * buffer adds into the parameter's slice of {@link DeviceParameters#gradients()}, times the same factor.
 */
final class DeviceWeights {
    private final DeviceParameters parameters;
    private final DeviceBuffer buffer;
    private final int offset;
    private final double factor;

    DeviceWeights(DeviceParameters parameters, DeviceBuffer buffer, int offset, double factor) {
        this.parameters = parameters;
        this.buffer = buffer;
        this.offset = offset;
        this.factor = factor;
    }

    /** The weights the layer's ops read. */
    DeviceBuffer buffer() {
        return buffer;
    }

    /** The number of weights. */
    int length() {
        return Math.toIntExact(buffer.length());
    }

    /** {@code buffer ← factor · values[offset, offset + length)}. */
    void refresh() {
        buffer.zero();
        parameters.axpy().apply(factor, parameters.values(), offset, buffer, 0, length());
    }

    /**
     * Adds the gradient on {@link #buffer()} into the parameter's gradient: by the chain rule through the
     * factor, {@code gradients[offset + i] += factor · gradBuffer[i]}.
     */
    void addGradient(DeviceBuffer gradBuffer) {
        parameters.axpy().apply(factor, gradBuffer, 0, parameters.gradients(), offset, length());
    }
}
