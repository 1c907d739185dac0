package org.equikern.ops.gate;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.nn.Gate;
import org.equikern.ops.Backends;

/**
 * A {@link Gate} (e3nn's {@code nn.Gate}) on a device: forward and the gradient with respect to
 * the input. Layouts are the layer's: inputs {@code [batch, irrepsIn.dim]}, outputs
 * {@code [batch, irrepsOut.dim]}.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every call
 * validates devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class GateOp extends DeviceOp {
    private static final String FORWARD = "GateOp.forward";
    private static final String BACKWARD = "GateOp.backward";

    private final Gate gate;

    protected GateOp(Device device, DType dtype, Gate gate) {
        super(device, dtype);
        if (gate == null) throw new IllegalArgumentException("GateOp: gate must not be null");
        this.gate = gate;
    }

    /**
     * The {@link Gate} operation of {@code gate} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @throws IllegalArgumentException when {@code gate} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static GateOp on(Device device, Gate gate, DType dtype) {
        return Backends.select(device, "GateOp.on", java -> new JavaGateOp(java, dtype, gate),
                kernel -> new KernelGateOp(kernel, kernel, dtype, gate));
    }

    /** The layer this op runs. */
    public final Gate gate() {
        return gate;
    }

    /**
     * {@code out = Gate(x)} for {@code batch} samples.
     *
     * @param out overwritten; not {@code x}
     */
    public final void forward(DeviceBuffer x, DeviceBuffer out, int batch) {
        checkOpen(FORWARD);
        checkCount(FORWARD, "batch", batch);
        checkBuffer(FORWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(FORWARD, "out", out, (long) batch * dimOut(), outputHow(batch));
        checkDistinct(FORWARD, "out", out, "x", x);
        run(FORWARD, () -> runForward(x, out, batch));
    }

    /**
     * The gradient of {@code Σ out·gradOut} with respect to the input.
     *
     * @param x inputs of the forward pass
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradX {@code [batch, irrepsIn.dim]}, overwritten; not {@code x} or {@code gradOut}
     */
    public final void backward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        checkOpen(BACKWARD);
        checkCount(BACKWARD, "batch", batch);
        checkBuffer(BACKWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(BACKWARD, "gradOut", gradOut, (long) batch * dimOut(), outputHow(batch));
        checkBuffer(BACKWARD, "gradX", gradX, (long) batch * dimIn(), inputHow(batch));
        checkDistinct(BACKWARD, "gradX", gradX, "x", x, "gradOut", gradOut);
        run(BACKWARD, () -> runBackward(x, gradOut, gradX, batch));
    }

    /** {@link #forward} after validation. */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer out, int batch);

    /** {@link #backward} after validation. */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch);

    private int dimIn() {
        return gate.irrepsIn().dim();
    }

    private int dimOut() {
        return gate.irrepsOut().dim();
    }

    private String inputHow(int batch) {
        return "batch " + batch + " * irrepsIn.dim " + dimIn();
    }

    private String outputHow(int batch) {
        return "batch " + batch + " * irrepsOut.dim " + dimOut();
    }
}
