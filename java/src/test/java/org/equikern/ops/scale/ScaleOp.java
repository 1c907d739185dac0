package org.equikern.ops.scale;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * The toy operation of ARCHITECTURE.md, {@code y = factor · x} on {@code n} elements: the
 * contract every backend implements. It validates every argument here, once, before the backend's
 * {@link #runForward} runs.
 */
public abstract class ScaleOp extends DeviceOp {
    private static final String FORWARD = "ScaleOp.forward";

    private final double factor;

    /** @throws IllegalArgumentException when {@code factor} is not finite */
    protected ScaleOp(Device device, DType dtype, double factor) {
        super(device, dtype);
        if (!Double.isFinite(factor)) throw new IllegalArgumentException("factor must be finite, got " + factor);
        this.factor = factor;
    }

    /** The operation on {@code device} in {@code dtype}: the registration, one branch per backend. */
    public static ScaleOp on(Device device, double factor, DType dtype) {
        return Backends.select(device, "ScaleOp.on", java -> new JavaScaleOp(java, dtype, factor),
                kernel -> new KernelScaleOp(kernel, kernel, dtype, factor));
    }

    /** The factor every element is multiplied by. */
    public final double factor() {
        return factor;
    }

    /** {@code y[i] = factor · x[i]} for {@code i < n}; {@code y} is overwritten. */
    public final void forward(DeviceBuffer x, DeviceBuffer y, int n) {
        checkOpen(FORWARD);
        checkCount(FORWARD, "n", n);
        checkBuffer(FORWARD, "x", x, n, "n");
        checkBuffer(FORWARD, "y", y, n, "n");
        checkDistinct(FORWARD, "y", y, "x", x);
        if (n > 0) run(FORWARD, () -> runForward(x, y, n));
    }

    /** The backend's work, on arguments already checked. */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer y, int n);
}
