package org.equikern.ops.gate;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Gate;
import org.equikern.ops.Backends;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link Gate} (e3nn's {@code nn.Gate}) on a device: forward, the gradient with respect to
 * the input, and their tangents along an input tangent ({@link #tangent}, {@link #tangentBackward},
 * as {@link Gate#tangent} and {@link Gate#tangentBackward}), which training on forces needs. Layouts
 * are the layer's: inputs and their tangents {@code [batch, irrepsIn.dim]}, outputs and output
 * gradients {@code [batch, irrepsOut.dim]}. A gate with scalars only is an elementwise normalized
 * activation (the radial MLP's).
 *
 * <p>Irreps inputs and outputs are in e3nn's {@code mul_ir} layout, or in the {@link IrrepsLayout}
 * given to {@link #on(Device, Gate, DType, IrrepsLayout)}; weights, biases and indices
 * are the same in both.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every call
 * validates devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class GateOp extends DeviceOp {
    private static final String FORWARD = "GateOp.forward";
    private static final String BACKWARD = "GateOp.backward";
    private static final String TANGENT = "GateOp.tangent";
    private static final String TANGENT_BACKWARD = "GateOp.tangentBackward";

    private final Gate gate;
    private final IrrepsLayout layout;

    /**
     * For backends: the op of {@code gate} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param gate the layer, not null
     * @throws IllegalArgumentException when {@code gate} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected GateOp(Device device, DType dtype, Gate gate) {
        this(device, dtype, gate, IrrepsLayout.MUL_IR);
    }

    /**
     * For layout adapters: the op of {@code gate} on {@code device} whose irreps inputs and
     * outputs are in {@code layout}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param gate the layer, not null
     * @param layout the layout of irreps inputs and outputs, not null
     * @throws IllegalArgumentException when {@code gate} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected GateOp(Device device, DType dtype, Gate gate, IrrepsLayout layout) {
        super(device, dtype);
        if (gate == null) throw new IllegalArgumentException("GateOp: gate must not be null");
        if (layout == null) throw new IllegalArgumentException("GateOp: layout must not be null");
        this.gate = gate;
        this.layout = layout;
    }

    /**
     * The {@link Gate} operation of {@code gate} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @param device the device
     * @param gate the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code gate} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static GateOp on(Device device, Gate gate, DType dtype) {
        return Backends.select(device, "GateOp.on", java -> new JavaGateOp(java, dtype, gate),
                kernel -> new KernelGateOp(kernel, kernel, dtype, gate));
    }

    /**
     * The {@link Gate} operation of {@code gate} on {@code device} in {@code dtype}, taking and
     * giving irreps inputs and outputs in {@code layout}. The kernels compute in {@code mul_ir}; for
     * {@code ir_mul} the op converts on the device around each call ({@link LayoutAdapter}).
     *
     * @param device the device
     * @param gate the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param layout the layout of {@code x}, {@code out}, {@code gradOut} and {@code gradX}
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code gate} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static GateOp on(Device device, Gate gate, DType dtype, IrrepsLayout layout) {
        if (layout == IrrepsLayout.MUL_IR) return on(device, gate, dtype);
        if (layout == null) throw new IllegalArgumentException("GateOp.on: layout must not be null");
        return new LayoutConvertingGateOp(on(device, gate, dtype), layout);
    }

    /**
     * The layout of this op's irreps inputs and outputs.
     *
     * @return {@code mul_ir} unless chosen otherwise at {@link #on(Device, Gate, DType, IrrepsLayout)}
     */
    public final IrrepsLayout layout() {
        return layout;
    }

    /**
     * The layer this op runs.
     *
     * @return the layer
     */
    public final Gate gate() {
        return gate;
    }

    /**
     * {@code out = Gate(x)} for {@code batch} samples.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param out overwritten; not {@code x}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
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
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
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

    /**
     * The output's tangent: the derivative of {@link #forward} along {@code xTangent}.
     *
     * @param x inputs of the forward pass, {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param outTangent {@code [batch, irrepsOut.dim]}, overwritten; no input
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer outTangent, int batch) {
        checkOpen(TANGENT);
        checkCount(TANGENT, "batch", batch);
        checkBuffer(TANGENT, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(TANGENT, "xTangent", xTangent, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(TANGENT, "outTangent", outTangent, (long) batch * dimOut(), outputHow(batch));
        checkDistinct(TANGENT, "outTangent", outTangent, "x", x, "xTangent", xTangent);
        run(TANGENT, () -> runTangent(x, xTangent, outTangent, batch));
    }

    /**
     * The tangent of {@link #backward}'s input gradient when {@code x} moves along {@code xTangent} and
     * {@code gradOut} along {@code gradOutTangent}: the activations' second derivatives times the
     * input tangent, plus the backward of {@code gradOutTangent}.
     *
     * @param x inputs of the forward pass, {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param gradOut the output gradient given to {@link #backward}, {@code [batch, irrepsOut.dim]}
     * @param gradOutTangent {@code [batch, irrepsOut.dim]}
     * @param gradXTangent {@code [batch, irrepsIn.dim]}, overwritten; no input
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer gradOut,
                                      DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, int batch) {
        checkOpen(TANGENT_BACKWARD);
        checkCount(TANGENT_BACKWARD, "batch", batch);
        checkBuffer(TANGENT_BACKWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(TANGENT_BACKWARD, "xTangent", xTangent, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(TANGENT_BACKWARD, "gradOut", gradOut, (long) batch * dimOut(), outputHow(batch));
        checkBuffer(TANGENT_BACKWARD, "gradOutTangent", gradOutTangent, (long) batch * dimOut(), outputHow(batch));
        checkBuffer(TANGENT_BACKWARD, "gradXTangent", gradXTangent, (long) batch * dimIn(), inputHow(batch));
        checkDistinct(TANGENT_BACKWARD, "gradXTangent", gradXTangent, "x", x, "xTangent", xTangent, "gradOut", gradOut,
                "gradOutTangent", gradOutTangent);
        run(TANGENT_BACKWARD, () -> runTangentBackward(x, xTangent, gradOut, gradOutTangent, gradXTangent, batch));
    }

    /**
     * {@link #forward} after validation.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param out {@code [batch, irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer out, int batch);

    /**
     * {@link #backward} after validation.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradX {@code [batch, irrepsIn.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch);

    /**
     * {@link #tangent} after validation.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param outTangent {@code [batch, irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer outTangent, int batch);

    /**
     * {@link #tangentBackward} after validation.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradOutTangent {@code [batch, irrepsOut.dim]}
     * @param gradXTangent {@code [batch, irrepsIn.dim]}
     * @param batch the number of samples, ≥ 0
     */
    protected abstract void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer gradOut,
                                               DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, int batch);

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
