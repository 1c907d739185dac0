package org.equikern.ops.lorentzproduct;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * The invariants of SL(2,C) features ({@link LorentzInvariants}: the bilinear form xᵀ·G·x of every
 * channel, the Minkowski square on a (1,1) channel holding a 4-vector) on a device, forward and
 * backward and double backward. Buffers are planar like {@link LorentzProductOp}'s: x {@code [2][batch][irreps.dim]},
 * out {@code [2][batch][channels]}. Outputs are overwritten; gradients are ∂L/∂Re + i·∂L/∂Im of a
 * real loss; {@link #doubleBackward} differentiates the backward.
 *
 * <p>Obtain one from {@link #on}; every call validates devices, dtypes, lengths and aliasing
 * before anything runs.
 */
public abstract class LorentzInvariantsOp extends DeviceOp {
    private static final String FORWARD = "LorentzInvariantsOp.forward";
    private static final String BACKWARD = "LorentzInvariantsOp.backward";
    private static final String DOUBLE_BACKWARD = "LorentzInvariantsOp.doubleBackward";
    private static final String X = "2 · batch · irreps.dim";
    private static final String OUT = "2 · batch · channels";

    private final LorentzInvariants invariants;

    /**
     * The base of the backends' implementations.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @param invariants the invariants, not null
     * @throws IllegalArgumentException when {@code invariants} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected LorentzInvariantsOp(Device device, DType dtype, LorentzInvariants invariants) {
        super(device, dtype);
        if (invariants == null) {
            throw new IllegalArgumentException("LorentzInvariantsOp: invariants must not be null");
        }
        this.invariants = invariants;
    }

    /**
     * The invariants {@code invariants} on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param invariants the invariants
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code invariants} is null, for INT32, or for FLOAT64 on a
     *     device without it
     * @throws IllegalStateException when the device is closed
     */
    public static LorentzInvariantsOp on(Device device, LorentzInvariants invariants, DType dtype) {
        return Backends.select(device, "LorentzInvariantsOp.on",
                java -> new JavaLorentzInvariantsOp(java, dtype, invariants),
                kernel -> new KernelLorentzInvariantsOp(kernel, kernel, dtype, invariants));
    }

    /**
     * The invariants this op computes.
     *
     * @return the invariants
     */
    public final LorentzInvariants invariants() {
        return invariants;
    }

    /**
     * Writes out[b][channel] = xᵀ·G·x for every sample.
     *
     * @param x {@code [2][batch][irreps.dim]}
     * @param out {@code [2][batch][channels]}, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is the input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer x, DeviceBuffer out, int batch) {
        checkInput(FORWARD, x, batch);
        checkBuffer(FORWARD, "out", out, outLength(batch), OUT);
        checkDistinct(FORWARD, "out", out, "x", x);
        if (batch > 0) run(FORWARD, () -> runForward(x, out, batch));
    }

    /**
     * Writes ∂L/∂x of a real loss, given gradOut = ∂L/∂out.
     *
     * @param x {@code [2][batch][irreps.dim]}
     * @param gradOut {@code [2][batch][channels]}
     * @param gradX the shape of x, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        checkInput(BACKWARD, x, batch);
        checkBuffer(BACKWARD, "gradOut", gradOut, outLength(batch), OUT);
        checkBuffer(BACKWARD, "gradX", gradX, xLength(batch), X);
        LorentzProductOp.checkAliasing(BACKWARD, new Object[] {"gradX", gradX}, "x", x, "gradOut", gradOut);
        if (batch > 0) run(BACKWARD, () -> runBackward(x, gradOut, gradX, batch));
    }

    /**
     * Differentiates the backward: with gradX = {@link #backward}(x, gradOut) and a tangent v laid out
     * as x, writes the gradients of Q = Re⟨v, gradX⟩ with respect to x and gradOut
     * ({@link LorentzInvariants#doubleBackward}).
     *
     * @param x {@code [2][batch][irreps.dim]}
     * @param gradOut {@code [2][batch][channels]}
     * @param v the tangent of gradX, laid out as x
     * @param gradX the shape of x, overwritten
     * @param gradGradOut the shape of gradOut, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input or the other output
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void doubleBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer v, DeviceBuffer gradX,
            DeviceBuffer gradGradOut, int batch) {
        String call = DOUBLE_BACKWARD;
        checkInput(call, x, batch);
        checkBuffer(call, "gradOut", gradOut, outLength(batch), OUT);
        checkBuffer(call, "v", v, xLength(batch), X);
        checkBuffer(call, "gradX", gradX, xLength(batch), X);
        checkBuffer(call, "gradGradOut", gradGradOut, outLength(batch), OUT);
        LorentzProductOp.checkAliasing(call, new Object[] {"gradX", gradX, "gradGradOut", gradGradOut}, "x", x,
                "gradOut", gradOut, "v", v);
        if (batch > 0) run(call, () -> runDoubleBackward(x, gradOut, v, gradX, gradGradOut, batch));
    }

    /**
     * {@link #forward} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [2][batch][irreps.dim]}
     * @param out {@code [2][batch][channels]}
     * @param batch the number of samples
     */
    protected abstract void runForward(DeviceBuffer x, DeviceBuffer out, int batch);

    /**
     * {@link #backward} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [2][batch][irreps.dim]}
     * @param gradOut {@code [2][batch][channels]}
     * @param gradX the shape of x, written
     * @param batch the number of samples
     */
    protected abstract void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch);

    /**
     * {@link #doubleBackward} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [2][batch][irreps.dim]}
     * @param gradOut {@code [2][batch][channels]}
     * @param v the tangent of gradX
     * @param gradX the shape of x, written
     * @param gradGradOut the shape of gradOut, written
     * @param batch the number of samples
     */
    protected abstract void runDoubleBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer v,
            DeviceBuffer gradX, DeviceBuffer gradGradOut, int batch);

    private void checkInput(String call, DeviceBuffer x, int batch) {
        checkOpen(call);
        checkCount(call, "batch", batch);
        checkBuffer(call, "x", x, xLength(batch), X);
    }

    private long xLength(int batch) {
        return LorentzProductOp.complex(batch, invariants.irreps().dim());
    }

    private long outLength(int batch) {
        return LorentzProductOp.complex(batch, invariants.channels());
    }
}
