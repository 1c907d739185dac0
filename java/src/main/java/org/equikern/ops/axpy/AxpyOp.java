package org.equikern.ops.axpy;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * {@code y ← y + α·x} on {@code n} elements of one precision: the elementwise step a model kept on a
 * device needs between its layers (a residual sum of two branches, a gradient accumulated from two
 * paths), and, on ranges of two buffers, the copy between a flat parameter buffer and a layer's own
 * weights. Every argument is validated here, once, before a backend's {@link #runAxpy} runs.
 */
public abstract class AxpyOp extends DeviceOp {
    private static final String APPLY = "AxpyOp.apply";

    /**
     * For backends: the op on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of both buffers
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected AxpyOp(Device device, DType dtype) {
        super(device, dtype);
    }

    /**
     * The operation on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of both buffers
     * @return the op, owned by the caller
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static AxpyOp on(Device device, DType dtype) {
        return Backends.select(device, "AxpyOp.on", java -> new JavaAxpyOp(java, dtype),
                kernel -> new KernelAxpyOp(kernel, kernel, dtype));
    }

    /**
     * {@code y[i] += alpha · x[i]} for {@code i < n}.
     *
     * @param alpha the factor on x, finite
     * @param x {@code [n]}, read
     * @param y {@code [n]}, added to; not {@code x}
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException for a non-finite alpha, a negative n, a buffer of another device, dtype
     *     or length, or {@code y} being {@code x}
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void apply(double alpha, DeviceBuffer x, DeviceBuffer y, int n) {
        checkOpen(APPLY);
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(APPLY + ": alpha must be finite, got " + alpha);
        }
        checkCount(APPLY, "n", n);
        checkBuffer(APPLY, "x", x, n, "n");
        checkBuffer(APPLY, "y", y, n, "n");
        checkDistinct(APPLY, "y", y, "x", x);
        if (n > 0) run(APPLY, () -> runAxpy(alpha, x, 0, y, 0, n));
    }

    /**
     * {@code y[yOffset + i] += alpha · x[xOffset + i]} for {@code i < n}: a range of one buffer added into a
     * range of another, e.g. one parameter's slice of a flat parameter buffer.
     *
     * @param alpha the factor on x, finite
     * @param x read from {@code xOffset} on
     * @param xOffset the first element of x read, ≥ 0
     * @param y added to from {@code yOffset} on; not {@code x}
     * @param yOffset the first element of y written, ≥ 0
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException for a non-finite alpha, a negative n or offset, a range past a buffer's
     *     end, a buffer of another device or dtype, or {@code y} being {@code x}
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void apply(double alpha, DeviceBuffer x, int xOffset, DeviceBuffer y, int yOffset, int n) {
        checkOpen(APPLY);
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(APPLY + ": alpha must be finite, got " + alpha);
        }
        checkCount(APPLY, "n", n);
        checkRange("x", x, xOffset, n);
        checkRange("y", y, yOffset, n);
        checkDistinct(APPLY, "y", y, "x", x);
        if (n > 0) run(APPLY, () -> runAxpy(alpha, x, xOffset, y, yOffset, n));
    }

    /** {@code buffer} is a buffer of this op and {@code [offset, offset + n)} lies within it. */
    private void checkRange(String role, DeviceBuffer buffer, int offset, int n) {
        if (buffer == null) throw new IllegalArgumentException(APPLY + ": " + role + " must not be null");
        checkBuffer(APPLY, role, buffer, buffer.length(), "its own length");
        checkCount(APPLY, role + "Offset", offset);
        if ((long) offset + n > buffer.length()) {
            throw new IllegalArgumentException(APPLY + ": " + role + " range [" + offset + ", " + ((long) offset + n)
                    + ") ends past " + buffer.name() + " of " + buffer.length() + " elements");
        }
    }

    /**
     * {@link #apply} after validation.
     *
     * @param alpha the factor on x
     * @param x read from {@code xOffset} on
     * @param xOffset the first element of x read
     * @param y added to from {@code yOffset} on
     * @param yOffset the first element of y written
     * @param n the number of elements, ≥ 1, within both buffers
     */
    protected abstract void runAxpy(double alpha, DeviceBuffer x, int xOffset, DeviceBuffer y, int yOffset, int n);
}
