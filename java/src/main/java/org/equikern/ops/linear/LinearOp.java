package org.equikern.ops.linear;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Linear;
import org.equikern.ops.Backends;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link Linear} layer (e3nn's {@code o3.Linear}) on a device: forward, and the gradients with
 * respect to the input, the weights and the biases. Layouts are the layer's: inputs
 * {@code [batch, irrepsIn.dim]}, outputs {@code [batch, irrepsOut.dim]}, weights
 * {@link Linear#weightNumel()}, biases {@link Linear#biasNumel()}. Weight and bias gradients are
 * summed over the batch in a fixed order (no atomics), so results repeat exactly.
 *
 * <p>Inputs and outputs are in e3nn's {@code mul_ir} layout, or in the {@link IrrepsLayout} given
 * to {@link #on(Device, Linear, DType, IrrepsLayout)}; weights and biases are the same in both.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every call
 * validates devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class LinearOp extends DeviceOp {
    private static final String FORWARD = "LinearOp.forward";
    private static final String BACKWARD = "LinearOp.backward";

    private final Linear linear;
    private final IrrepsLayout layout;

    /**
     * For backends: the op of {@code linear} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param linear the layer, not null
     * @throws IllegalArgumentException when {@code linear} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected LinearOp(Device device, DType dtype, Linear linear) {
        this(device, dtype, linear, IrrepsLayout.MUL_IR);
    }

    /**
     * For layout adapters: the op of {@code linear} on {@code device} whose inputs and outputs are
     * in {@code layout}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param linear the layer, not null
     * @param layout the layout of inputs and outputs, not null
     * @throws IllegalArgumentException when {@code linear} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected LinearOp(Device device, DType dtype, Linear linear, IrrepsLayout layout) {
        super(device, dtype);
        if (linear == null) throw new IllegalArgumentException("LinearOp: linear must not be null");
        if (layout == null) throw new IllegalArgumentException("LinearOp: layout must not be null");
        this.linear = linear;
        this.layout = layout;
    }

    /**
     * The {@link Linear} operation of {@code linear} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @param device the device
     * @param linear the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code linear} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static LinearOp on(Device device, Linear linear, DType dtype) {
        return Backends.select(device, "LinearOp.on", java -> new JavaLinearOp(java, dtype, linear),
                kernel -> new KernelLinearOp(kernel, kernel, dtype, linear));
    }

    /**
     * The {@link Linear} operation of {@code linear} on {@code device} in {@code dtype}, taking and
     * giving inputs and outputs in {@code layout}. The kernels compute in {@code mul_ir}; for
     * {@code ir_mul} the op converts on the device around each call ({@link LayoutAdapter}).
     *
     * @param device the device
     * @param linear the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param layout the layout of {@code x}, {@code out}, {@code gradOut} and {@code gradX}
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code linear} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static LinearOp on(Device device, Linear linear, DType dtype, IrrepsLayout layout) {
        if (layout == IrrepsLayout.MUL_IR) return on(device, linear, dtype);
        if (layout == null) throw new IllegalArgumentException("LinearOp.on: layout must not be null");
        return new LayoutConvertingLinearOp(on(device, linear, dtype), layout);
    }

    /**
     * The layout of this op's inputs and outputs.
     *
     * @return {@code mul_ir} unless chosen otherwise at {@link #on(Device, Linear, DType, IrrepsLayout)}
     */
    public final IrrepsLayout layout() {
        return layout;
    }

    /**
     * The layer this op runs.
     *
     * @return the layer
     */
    public final Linear linear() {
        return linear;
    }

    /**
     * {@code out = Linear(x)} for {@code batch} samples.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param weights {@link Linear#weightNumel()} weights, shared by all samples
     * @param bias {@link Linear#biasNumel()} biases; may be null when the layer has none
     * @param out overwritten; not the same buffer as any input
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer bias, DeviceBuffer out, int batch) {
        checkOpen(FORWARD);
        checkCount(FORWARD, "batch", batch);
        checkBuffer(FORWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkWeights(FORWARD, weights);
        if (bias != null || linear.biasNumel() > 0) {
            checkBuffer(FORWARD, "bias", bias, linear.biasNumel(), "biasNumel");
        }
        checkBuffer(FORWARD, "out", out, (long) batch * dimOut(), outputHow(batch));
        checkDistinct(FORWARD, "out", out, "x", x, "weights", weights, "bias", bias);
        run(FORWARD, () -> runForward(x, weights, bias, out, batch));
    }

    /**
     * Gradients of {@code Σ out·gradOut}; each gradient buffer is overwritten, and may be null
     * when that gradient is not wanted.
     *
     * @param x inputs of the forward pass
     * @param weights {@link Linear#weightNumel()} weights of the forward pass
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradX {@code [batch, irrepsIn.dim]}, or null
     * @param gradWeights {@link Linear#weightNumel()}, summed over the batch, or null
     * @param gradBias {@link Linear#biasNumel()}, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradWeights, DeviceBuffer gradBias, int batch) {
        checkOpen(BACKWARD);
        checkCount(BACKWARD, "batch", batch);
        checkBuffer(BACKWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkWeights(BACKWARD, weights);
        checkBuffer(BACKWARD, "gradOut", gradOut, (long) batch * dimOut(), outputHow(batch));
        if (gradX != null) checkBuffer(BACKWARD, "gradX", gradX, (long) batch * dimIn(), inputHow(batch));
        if (gradWeights != null) checkBuffer(BACKWARD, "gradWeights", gradWeights, linear.weightNumel(), "weightNumel");
        if (gradBias != null) checkBuffer(BACKWARD, "gradBias", gradBias, linear.biasNumel(), "biasNumel");
        checkDistinct(BACKWARD, "gradX", gradX, "gradWeights", gradWeights, "gradBias", gradBias, "x", x,
                "weights", weights, "gradOut", gradOut);
        run(BACKWARD, () -> runBackward(x, weights, gradOut, gradX, gradWeights, gradBias, batch));
    }

    /**
     * {@link #forward} after validation; {@code bias} is null or holds the biases.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param weights {@link Linear#weightNumel()} weights
     * @param bias {@link Linear#biasNumel()} biases, or null
     * @param out {@code [batch, irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer bias, DeviceBuffer out,
            int batch);

    /**
     * {@link #backward} after validation; null gradients are skipped.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param weights {@link Linear#weightNumel()} weights
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradX {@code [batch, irrepsIn.dim]}, or null
     * @param gradWeights {@link Linear#weightNumel()}, or null
     * @param gradBias {@link Linear#biasNumel()}, or null
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradWeights, DeviceBuffer gradBias, int batch);

    private void checkWeights(String call, DeviceBuffer weights) {
        checkBuffer(call, "weights", weights, linear.weightNumel(), "weightNumel");
    }

    private int dimIn() {
        return linear.irrepsIn().dim();
    }

    private int dimOut() {
        return linear.irrepsOut().dim();
    }

    private String inputHow(int batch) {
        return "batch " + batch + " * irrepsIn.dim " + dimIn();
    }

    private String outputHow(int batch) {
        return "batch " + batch + " * irrepsOut.dim " + dimOut();
    }
}
