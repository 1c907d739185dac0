package org.equikern.ops.normactivation;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.NormActivation;
import org.equikern.ops.Backends;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link NormActivation} (e3nn's {@code nn.NormActivation}) on a device: forward, the
 * gradients with respect to the input and the biases, and their tangents along an input tangent
 * ({@link #tangent}, {@link #tangentBackward}, as {@link NormActivation#tangent} and
 * {@link NormActivation#tangentBackward}), which training on forces needs. Layouts are the layer's: inputs and outputs
 * {@code [batch, irreps.dim]}, biases {@link NormActivation#biasNumel()}. Bias gradients are summed
 * over the batch in sample order (no atomics), so results repeat exactly.
 *
 * <p>Irreps inputs and outputs are in e3nn's {@code mul_ir} layout, or in the {@link IrrepsLayout}
 * given to {@link #on(Device, NormActivation, DType, IrrepsLayout)}; weights, biases and indices
 * are the same in both.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every
 * call validates devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class NormActivationOp extends DeviceOp {
    private static final String FORWARD = "NormActivationOp.forward";
    private static final String BACKWARD = "NormActivationOp.backward";
    private static final String TANGENT = "NormActivationOp.tangent";
    private static final String TANGENT_BACKWARD = "NormActivationOp.tangentBackward";

    private final NormActivation activation;
    private final IrrepsLayout layout;

    /**
     * For backends: the op of {@code activation} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param activation the layer, not null
     * @throws IllegalArgumentException when {@code activation} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected NormActivationOp(Device device, DType dtype, NormActivation activation) {
        this(device, dtype, activation, IrrepsLayout.MUL_IR);
    }

    /**
     * For layout adapters: the op of {@code activation} on {@code device} whose irreps inputs and
     * outputs are in {@code layout}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param activation the layer, not null
     * @param layout the layout of irreps inputs and outputs, not null
     * @throws IllegalArgumentException when {@code activation} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected NormActivationOp(Device device, DType dtype, NormActivation activation, IrrepsLayout layout) {
        super(device, dtype);
        if (activation == null) throw new IllegalArgumentException("NormActivationOp: activation must not be null");
        if (layout == null) throw new IllegalArgumentException("NormActivationOp: layout must not be null");
        this.activation = activation;
        this.layout = layout;
    }

    /**
     * The {@link NormActivation} operation of {@code activation} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @param device the device
     * @param activation the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code activation} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static NormActivationOp on(Device device, NormActivation activation, DType dtype) {
        return Backends.select(device, "NormActivationOp.on", java -> new JavaNormActivationOp(java, dtype, activation),
                kernel -> new KernelNormActivationOp(kernel, kernel, dtype, activation));
    }

    /**
     * The {@link NormActivation} operation of {@code activation} on {@code device} in {@code dtype}, taking and
     * giving irreps inputs and outputs in {@code layout}. The kernels compute in {@code mul_ir}; for
     * {@code ir_mul} the op converts on the device around each call ({@link LayoutAdapter}).
     *
     * @param device the device
     * @param activation the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param layout the layout of {@code x}, {@code out}, {@code gradOut} and {@code gradX}
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code activation} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static NormActivationOp on(Device device, NormActivation activation, DType dtype, IrrepsLayout layout) {
        if (layout == IrrepsLayout.MUL_IR) return on(device, activation, dtype);
        if (layout == null) throw new IllegalArgumentException("NormActivationOp.on: layout must not be null");
        return new LayoutConvertingNormActivationOp(on(device, activation, dtype), layout);
    }

    /**
     * The layout of this op's irreps inputs and outputs.
     *
     * @return {@code mul_ir} unless chosen otherwise at {@link #on(Device, NormActivation, DType, IrrepsLayout)}
     */
    public final IrrepsLayout layout() {
        return layout;
    }

    /**
     * The layer this op runs.
     *
     * @return the layer
     */
    public final NormActivation activation() {
        return activation;
    }

    /**
     * {@code out = NormActivation(x)} for {@code batch} samples.
     *
     * @param x {@code [batch, irreps.dim]}
     * @param bias {@link NormActivation#biasNumel()} biases; may be null when the layer has none
     * @param out overwritten; not the same buffer as any input
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
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
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
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

    /**
     * The output's tangent: the derivative of {@link #forward} along {@code xTangent}, the biases held fixed.
     *
     * @param x inputs of the forward pass, {@code [batch, irreps.dim]}
     * @param bias biases of the forward pass; may be null when the layer has none
     * @param xTangent {@code [batch, irreps.dim]}
     * @param outTangent {@code [batch, irreps.dim]}, overwritten; no input
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangent(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer outTangent,
            int batch) {
        checkOpen(TANGENT);
        checkCount(TANGENT, "batch", batch);
        checkBuffer(TANGENT, "x", x, (long) batch * dim(), how(batch));
        checkBias(TANGENT, "bias", bias);
        checkBuffer(TANGENT, "xTangent", xTangent, (long) batch * dim(), how(batch));
        checkBuffer(TANGENT, "outTangent", outTangent, (long) batch * dim(), how(batch));
        checkDistinct(TANGENT, "outTangent", outTangent, "x", x, "bias", bias, "xTangent", xTangent);
        run(TANGENT, () -> runTangent(x, bias, xTangent, outTangent, batch));
    }

    /**
     * The tangents of {@link #backward}'s gradients when {@code x} moves along {@code xTangent} and
     * {@code gradOut} along {@code gradOutTangent} (biases fixed), overwritten: the input gradient's and,
     * summed over the batch in sample order, the bias gradient's.
     *
     * @param x inputs of the forward pass, {@code [batch, irreps.dim]}
     * @param bias biases of the forward pass; may be null when the layer has none
     * @param xTangent {@code [batch, irreps.dim]}
     * @param gradOut the output gradient given to {@link #backward}, {@code [batch, irreps.dim]}
     * @param gradOutTangent {@code [batch, irreps.dim]}
     * @param gradXTangent {@code [batch, irreps.dim]}; no input
     * @param gradBiasTangent {@link NormActivation#biasNumel()}, or null when not wanted; no input
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangentBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer gradOut,
            DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, DeviceBuffer gradBiasTangent, int batch) {
        checkOpen(TANGENT_BACKWARD);
        checkCount(TANGENT_BACKWARD, "batch", batch);
        checkBuffer(TANGENT_BACKWARD, "x", x, (long) batch * dim(), how(batch));
        checkBias(TANGENT_BACKWARD, "bias", bias);
        checkBuffer(TANGENT_BACKWARD, "xTangent", xTangent, (long) batch * dim(), how(batch));
        checkBuffer(TANGENT_BACKWARD, "gradOut", gradOut, (long) batch * dim(), how(batch));
        checkBuffer(TANGENT_BACKWARD, "gradOutTangent", gradOutTangent, (long) batch * dim(), how(batch));
        checkBuffer(TANGENT_BACKWARD, "gradXTangent", gradXTangent, (long) batch * dim(), how(batch));
        if (gradBiasTangent != null) {
            checkBuffer(TANGENT_BACKWARD, "gradBiasTangent", gradBiasTangent, activation.biasNumel(), "biasNumel");
        }
        checkDistinct(TANGENT_BACKWARD, "gradXTangent", gradXTangent, "gradBiasTangent", gradBiasTangent, "x", x,
                "bias", bias, "xTangent", xTangent, "gradOut", gradOut, "gradOutTangent", gradOutTangent);
        run(TANGENT_BACKWARD, () -> runTangentBackward(x, bias, xTangent, gradOut, gradOutTangent, gradXTangent,
                gradBiasTangent, batch));
    }

    /**
     * {@link #forward} after validation; {@code bias} is null or holds the biases.
     *
     * @param x {@code [batch, irreps.dim]}
     * @param bias {@link NormActivation#biasNumel()} biases, or null
     * @param out {@code [batch, irreps.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer out, int batch);

    /**
     * {@link #backward} after validation; a null {@code gradBias} is skipped.
     *
     * @param x {@code [batch, irreps.dim]}
     * @param bias {@link NormActivation#biasNumel()} biases, or null
     * @param gradOut {@code [batch, irreps.dim]}
     * @param gradX {@code [batch, irreps.dim]}
     * @param gradBias {@link NormActivation#biasNumel()}, or null
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradBias, int batch);

    /**
     * {@link #tangent} after validation; {@code bias} is null or holds the biases.
     *
     * @param x {@code [batch, irreps.dim]}
     * @param bias {@link NormActivation#biasNumel()} biases, or null
     * @param xTangent {@code [batch, irreps.dim]}
     * @param outTangent {@code [batch, irreps.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runTangent(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent,
            DeviceBuffer outTangent, int batch);

    /**
     * {@link #tangentBackward} after validation; a null {@code gradBiasTangent} is skipped.
     *
     * @param x {@code [batch, irreps.dim]}
     * @param bias {@link NormActivation#biasNumel()} biases, or null
     * @param xTangent {@code [batch, irreps.dim]}
     * @param gradOut {@code [batch, irreps.dim]}
     * @param gradOutTangent {@code [batch, irreps.dim]}
     * @param gradXTangent {@code [batch, irreps.dim]}
     * @param gradBiasTangent {@link NormActivation#biasNumel()}, or null
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runTangentBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent,
            DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, DeviceBuffer gradBiasTangent,
            int batch);

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
