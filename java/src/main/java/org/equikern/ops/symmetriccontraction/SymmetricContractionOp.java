package org.equikern.ops.symmetriccontraction;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.Backends;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link SymmetricContraction} (MACE's symmetric contraction) on a device: forward, the
 * gradients with respect to the node features and the weights, and their tangents along a feature
 * tangent ({@link #tangent}, {@link #tangentBackward}, as {@link SymmetricContraction#tangent} and
 * {@link SymmetricContraction#tangentBackward}, weights fixed), which training on forces needs. Layouts are the layer's: features
 * {@code [batch, irrepsIn.dim]}, outputs {@code [batch, irrepsOut.dim]}, weights
 * {@link SymmetricContraction#weightNumel()}, and an INT32 buffer of {@code batch} element indices
 * in {@code [0, numElements)}. Weight gradients are summed over the nodes of each element in node
 * order (no atomics), so results repeat exactly.
 *
 * <p>Irreps inputs and outputs are in e3nn's {@code mul_ir} layout, or in the {@link IrrepsLayout}
 * given to {@link #on(Device, SymmetricContraction, DType, IrrepsLayout)}; weights, biases and indices
 * are the same in both.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables.
 * Every call validates devices, dtypes, lengths and aliasing before anything runs. The Java
 * backend also checks each element index; device kernels cannot report one out of range and
 * treat such a node as absent (zero output and input gradient, no weight gradient).
 */
public abstract class SymmetricContractionOp extends DeviceOp {
    private static final String FORWARD = "SymmetricContractionOp.forward";
    private static final String BACKWARD = "SymmetricContractionOp.backward";
    private static final String TANGENT = "SymmetricContractionOp.tangent";
    private static final String TANGENT_BACKWARD = "SymmetricContractionOp.tangentBackward";

    private final SymmetricContraction contraction;
    private final IrrepsLayout layout;

    /**
     * For backends: the op of {@code contraction} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param contraction the layer, not null
     * @throws IllegalArgumentException when {@code contraction} is null, for INT32, or for FLOAT64 on a
     *     device without it
     * @throws IllegalStateException when the device is closed
     */
    protected SymmetricContractionOp(Device device, DType dtype, SymmetricContraction contraction) {
        this(device, dtype, contraction, IrrepsLayout.MUL_IR);
    }

    /**
     * For layout adapters: the op of {@code contraction} on {@code device} whose irreps inputs and
     * outputs are in {@code layout}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param contraction the layer, not null
     * @param layout the layout of irreps inputs and outputs, not null
     * @throws IllegalArgumentException when {@code contraction} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected SymmetricContractionOp(Device device, DType dtype, SymmetricContraction contraction,
            IrrepsLayout layout) {
        super(device, dtype);
        if (contraction == null) {
            throw new IllegalArgumentException("SymmetricContractionOp: contraction must not be null");
        }
        if (layout == null) throw new IllegalArgumentException("SymmetricContractionOp: layout must not be null");
        this.contraction = contraction;
        this.layout = layout;
    }

    /**
     * The {@link SymmetricContraction} operation of {@code contraction} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @param device the device
     * @param contraction the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code contraction} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static SymmetricContractionOp on(Device device, SymmetricContraction contraction, DType dtype) {
        return Backends.select(device, "SymmetricContractionOp.on", java -> new JavaSymmetricContractionOp(java, dtype, contraction),
                kernel -> new KernelSymmetricContractionOp(kernel, kernel, dtype, contraction));
    }

    /**
     * The {@link SymmetricContraction} operation of {@code contraction} on {@code device} in {@code dtype}, taking and
     * giving irreps inputs and outputs in {@code layout}. The kernels compute in {@code mul_ir}; for
     * {@code ir_mul} the op converts on the device around each call ({@link LayoutAdapter}).
     *
     * @param device the device
     * @param contraction the layer
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param layout the layout of {@code x}, {@code out}, {@code gradOut} and {@code gradX}
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code contraction} or {@code layout} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static SymmetricContractionOp on(Device device, SymmetricContraction contraction, DType dtype,
            IrrepsLayout layout) {
        if (layout == IrrepsLayout.MUL_IR) return on(device, contraction, dtype);
        if (layout == null) throw new IllegalArgumentException("SymmetricContractionOp.on: layout must not be null");
        return new LayoutConvertingSymmetricContractionOp(on(device, contraction, dtype), layout);
    }

    /**
     * The layout of this op's irreps inputs and outputs.
     *
     * @return {@code mul_ir} unless chosen otherwise at {@link #on(Device, SymmetricContraction, DType, IrrepsLayout)}
     */
    public final IrrepsLayout layout() {
        return layout;
    }

    /**
     * The layer this op runs.
     *
     * @return the layer
     */
    public final SymmetricContraction contraction() {
        return contraction;
    }

    /**
     * {@code out = SymmetricContraction(x)} for {@code batch} nodes.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]} element indices
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param out overwritten; not the same buffer as any input
     * @param batch the number of nodes, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch) {
        checkOpen(FORWARD);
        checkCount(FORWARD, "batch", batch);
        checkBuffer(FORWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkIndexBuffer(FORWARD, "elements", elements, batch, "batch " + batch);
        checkWeights(FORWARD, "weights", weights);
        checkBuffer(FORWARD, "out", out, (long) batch * dimOut(), outputHow(batch));
        checkDistinct(FORWARD, "out", out, "x", x, "weights", weights);
        run(FORWARD, () -> runForward(x, elements, weights, out, batch));
    }

    /**
     * Gradients of {@code Σ out·gradOut}; each gradient buffer is overwritten, and may be null
     * when that gradient is not wanted.
     *
     * @param x features of the forward pass
     * @param elements INT32 {@code [batch]} element indices of the forward pass
     * @param weights {@link SymmetricContraction#weightNumel()} weights of the forward pass
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradX {@code [batch, irrepsIn.dim]}, or null
     * @param gradWeights {@link SymmetricContraction#weightNumel()}, summed over the batch (zero for
     *     elements absent from it), or null
     * @param batch the number of nodes, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX, DeviceBuffer gradWeights, int batch) {
        checkOpen(BACKWARD);
        checkCount(BACKWARD, "batch", batch);
        checkBuffer(BACKWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkIndexBuffer(BACKWARD, "elements", elements, batch, "batch " + batch);
        checkWeights(BACKWARD, "weights", weights);
        checkBuffer(BACKWARD, "gradOut", gradOut, (long) batch * dimOut(), outputHow(batch));
        if (gradX != null) checkBuffer(BACKWARD, "gradX", gradX, (long) batch * dimIn(), inputHow(batch));
        if (gradWeights != null) checkWeights(BACKWARD, "gradWeights", gradWeights);
        checkDistinct(BACKWARD, "gradX", gradX, "gradWeights", gradWeights, "x", x, "weights", weights,
                "gradOut", gradOut);
        run(BACKWARD, () -> runBackward(x, elements, weights, gradOut, gradX, gradWeights, batch));
    }

    /**
     * The output's tangent {@code J(x)·xTangent}: the derivative of {@link #forward} along
     * {@code xTangent}, the weights held fixed.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]} element indices
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param outTangent {@code [batch, irrepsOut.dim]}, overwritten; no input
     * @param batch the number of nodes, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer outTangent, int batch) {
        checkOpen(TANGENT);
        checkCount(TANGENT, "batch", batch);
        checkBuffer(TANGENT, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(TANGENT, "xTangent", xTangent, (long) batch * dimIn(), inputHow(batch));
        checkIndexBuffer(TANGENT, "elements", elements, batch, "batch " + batch);
        checkWeights(TANGENT, "weights", weights);
        checkBuffer(TANGENT, "outTangent", outTangent, (long) batch * dimOut(), outputHow(batch));
        checkDistinct(TANGENT, "outTangent", outTangent, "x", x, "xTangent", xTangent, "weights", weights);
        run(TANGENT, () -> runTangent(x, xTangent, elements, weights, outTangent, batch));
    }

    /**
     * The tangents of {@link #backward}'s gradients when x moves along {@code xTangent} and
     * {@code gradOut} along {@code gradOutTangent} (weights fixed):
     * {@code gradXTangent = ∂²<gradOut, out>/∂x²·xTangent + Jᵀ gradOutTangent} and
     * {@code gradWeightsTangent = ∂/∂w (<gradOutTangent, out> + <gradOut, J xTangent>)}, the latter summed
     * over the nodes of each element in node order. Each is overwritten, and may be null when not wanted.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]} element indices
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param gradOut {@code [batch, irrepsOut.dim]} given to {@link #backward}
     * @param gradOutTangent {@code [batch, irrepsOut.dim]}
     * @param gradXTangent {@code [batch, irrepsIn.dim]}, or null; no input
     * @param gradWeightsTangent {@link SymmetricContraction#weightNumel()}, or null; no input
     * @param batch the number of nodes, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     buffers that alias
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void tangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent,
            DeviceBuffer gradWeightsTangent, int batch) {
        checkOpen(TANGENT_BACKWARD);
        checkCount(TANGENT_BACKWARD, "batch", batch);
        checkBuffer(TANGENT_BACKWARD, "x", x, (long) batch * dimIn(), inputHow(batch));
        checkBuffer(TANGENT_BACKWARD, "xTangent", xTangent, (long) batch * dimIn(), inputHow(batch));
        checkIndexBuffer(TANGENT_BACKWARD, "elements", elements, batch, "batch " + batch);
        checkWeights(TANGENT_BACKWARD, "weights", weights);
        checkBuffer(TANGENT_BACKWARD, "gradOut", gradOut, (long) batch * dimOut(), outputHow(batch));
        checkBuffer(TANGENT_BACKWARD, "gradOutTangent", gradOutTangent, (long) batch * dimOut(), outputHow(batch));
        if (gradXTangent != null) {
            checkBuffer(TANGENT_BACKWARD, "gradXTangent", gradXTangent, (long) batch * dimIn(), inputHow(batch));
        }
        if (gradWeightsTangent != null) checkWeights(TANGENT_BACKWARD, "gradWeightsTangent", gradWeightsTangent);
        checkDistinct(TANGENT_BACKWARD, "gradXTangent", gradXTangent, "gradWeightsTangent", gradWeightsTangent,
                "x", x, "xTangent", xTangent, "weights", weights, "gradOut", gradOut, "gradOutTangent",
                gradOutTangent);
        run(TANGENT_BACKWARD, () -> runTangentBackward(x, xTangent, elements, weights, gradOut, gradOutTangent,
                gradXTangent, gradWeightsTangent, batch));
    }

    /**
     * {@link #forward} after validation.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]}
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param out {@code [batch, irrepsOut.dim]}
     * @param batch the number of nodes
     */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch);

    /**
     * {@link #backward} after validation; null gradients are skipped.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]}
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradX {@code [batch, irrepsIn.dim]}, or null
     * @param gradWeights {@link SymmetricContraction#weightNumel()}, or null
     * @param batch the number of nodes
     */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradWeights, int batch);

    /**
     * {@link #tangent} after validation.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]}
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param outTangent {@code [batch, irrepsOut.dim]}
     * @param batch the number of nodes
     */
    protected abstract void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer outTangent, int batch);

    /**
     * {@link #tangentBackward} after validation; null outputs are skipped.
     *
     * @param x {@code [batch, irrepsIn.dim]}
     * @param xTangent {@code [batch, irrepsIn.dim]}
     * @param elements INT32 {@code [batch]}
     * @param weights {@link SymmetricContraction#weightNumel()} weights
     * @param gradOut {@code [batch, irrepsOut.dim]}
     * @param gradOutTangent {@code [batch, irrepsOut.dim]}
     * @param gradXTangent {@code [batch, irrepsIn.dim]}, or null
     * @param gradWeightsTangent {@link SymmetricContraction#weightNumel()}, or null
     * @param batch the number of nodes
     */
    protected abstract void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent,
            DeviceBuffer gradWeightsTangent, int batch);

    private void checkWeights(String call, String role, DeviceBuffer weights) {
        checkBuffer(call, role, weights, contraction.weightNumel(), "weightNumel");
    }

    private int dimIn() {
        return contraction.irrepsIn().dim();
    }

    private int dimOut() {
        return contraction.irrepsOut().dim();
    }

    private String inputHow(int batch) {
        return "batch " + batch + " * irrepsIn.dim " + dimIn();
    }

    private String outputHow(int batch) {
        return "batch " + batch + " * irrepsOut.dim " + dimOut();
    }
}
