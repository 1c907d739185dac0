package org.equikern.ops.axpy;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * {@code y ← y + α·x} on {@code n} elements of one precision: the elementwise step a model kept on a
 * device needs between its layers (a residual sum of two branches, a gradient accumulated from two
 * paths). Every argument is validated here, once, before a backend's {@link #runAxpy} runs.
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
        if (n > 0) run(APPLY, () -> runAxpy(alpha, x, y, n));
    }

    /**
     * {@link #apply} after validation.
     *
     * @param alpha the factor on x
     * @param x {@code [n]}
     * @param y {@code [n]}, added to
     * @param n the number of elements, ≥ 1
     */
    protected abstract void runAxpy(double alpha, DeviceBuffer x, DeviceBuffer y, int n);
}
