package org.equikern.ops.normactivation;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.nn.NormActivation;
import org.equikern.ops.Backends;

/**
 * A {@link NormActivation} (e3nn's {@code nn.NormActivation}) on a device: forward, and the
 * gradients with respect to the input and the biases. Layouts are the layer's: inputs and outputs
 * {@code [batch, irreps.dim]}, biases {@link NormActivation#biasNumel()}. Bias gradients are summed
 * over the batch in sample order (no atomics), so results repeat exactly.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every
 * call validates devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class NormActivationOp extends DeviceOp {
    private static final String FORWARD = "NormActivationOp.forward";
    private static final String BACKWARD = "NormActivationOp.backward";

    private final NormActivation activation;

    protected NormActivationOp(Device device, DType dtype, NormActivation activation) {
        super(device, dtype);
        if (activation == null) throw new IllegalArgumentException("NormActivationOp: activation must not be null");
        this.activation = activation;
    }

    /**
     * The {@link NormActivation} operation of {@code activation} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @throws IllegalArgumentException when {@code activation} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static NormActivationOp on(Device device, NormActivation activation, DType dtype) {
        return Backends.select(device, "NormActivationOp.on", java -> new JavaNormActivationOp(java, dtype, activation),
                kernel -> new KernelNormActivationOp(kernel, kernel, dtype, activation));
    }

    /** The layer this op runs. */
    public final NormActivation activation() {
        return activation;
    }

    /**
     * {@code out = NormActivation(x)} for {@code batch} samples.
     *
     * @param bias {@link NormActivation#biasNumel()} biases; may be null when the layer has none
     * @param out overwritten; not the same buffer as any input
     */
    public final void forward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer out, int batch) {
        checkOpen(FORWARD);
        checkCount(FORWARD, "batch", batch);
        checkBuffer(FORWARD, "x", x, (long) batch * dim(), how(batch));
        checkBias(FORWARD, "bias", bias);
        checkBuffer(FORWARD, "out", out, (long) batch * dim(), how(batch));
        checkDistinct(FORWARD, "out", out, "x", x, "bias", bias);
        run(FORWARD, () -> runForward(x, bias, out, batch));
    }

    /**
     * Gradients of {@code Σ out·gradOut}, overwritten.
     *
     * @param x inputs of the forward pass
     * @param bias biases of the forward pass; may be null when the layer has none
     * @param gradOut {@code [batch, irreps.dim]}
     * @param gradX {@code [batch, irreps.dim]}
     * @param gradBias {@link NormActivation#biasNumel()}, summed over the batch, or null when not wanted
     */
    public final void backward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradBias, int batch) {
        checkOpen(BACKWARD);
        checkCount(BACKWARD, "batch", batch);
        checkBuffer(BACKWARD, "x", x, (long) batch * dim(), how(batch));
        checkBias(BACKWARD, "bias", bias);
        checkBuffer(BACKWARD, "gradOut", gradOut, (long) batch * dim(), how(batch));
        checkBuffer(BACKWARD, "gradX", gradX, (long) batch * dim(), how(batch));
        if (gradBias != null) checkBuffer(BACKWARD, "gradBias", gradBias, activation.biasNumel(), "biasNumel");
        checkDistinct(BACKWARD, "gradX", gradX, "gradBias", gradBias, "x", x, "bias", bias, "gradOut", gradOut);
        run(BACKWARD, () -> runBackward(x, bias, gradOut, gradX, gradBias, batch));
    }

    /** {@link #forward} after validation; {@code bias} is null or holds the biases. */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer out, int batch);

    /** {@link #backward} after validation; a null {@code gradBias} is skipped. */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradBias, int batch);

    private void checkBias(String call, String role, DeviceBuffer bias) {
        if (bias != null || activation.biasNumel() > 0) {
            checkBuffer(call, role, bias, activation.biasNumel(), "biasNumel");
        }
    }

    private int dim() {
        return activation.irrepsIn().dim();
    }

    private String how(int batch) {
        return "batch " + batch + " * irreps.dim " + dim();
    }
}
