package org.equikern.ops.lorentzproduct;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * The complex Clebsch–Gordan product of SL(2,C) features ({@link LorentzProduct}: either channel
 * mode, complex weights) on a device, forward and backward. A complex array lives in one buffer
 * of twice its length, planar: the real plane, then the imaginary plane. So x1 is
 * {@code [2][batch][irreps1.dim]}, x2 {@code [2][batch][irreps2.dim]}, out
 * {@code [2][batch][irrepsOut.dim]}, and the weights, shared by the batch,
 * {@code [2][weightLength]}. Outputs are overwritten; gradients are ∂L/∂Re + i·∂L/∂Im of a real
 * loss L, the weights' summed over the batch; {@link #doubleBackward} differentiates the backward.
 *
 * <p>Obtain one from {@link #on}; every call validates devices, dtypes, lengths and aliasing
 * before anything runs.
 */
public abstract class LorentzProductOp extends DeviceOp {
    private static final String FORWARD = "LorentzProductOp.forward";
    private static final String BACKWARD = "LorentzProductOp.backward";
    private static final String DOUBLE_BACKWARD = "LorentzProductOp.doubleBackward";
    private static final String X1 = "2 · batch · irreps1.dim";
    private static final String X2 = "2 · batch · irreps2.dim";
    private static final String OUT = "2 · batch · irrepsOut.dim";
    private static final String W = "2 · weightLength";

    private final LorentzProduct product;

    /**
     * The base of the backends' implementations.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @param product the product, not null
     * @throws IllegalArgumentException when {@code product} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected LorentzProductOp(Device device, DType dtype, LorentzProduct product) {
        super(device, dtype);
        if (product == null) throw new IllegalArgumentException("LorentzProductOp: product must not be null");
        this.product = product;
    }

    /**
     * The product {@code product} on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param product the product
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code product} is null, for INT32, or for FLOAT64 on a
     *     device without it
     * @throws IllegalStateException when the device is closed
     */
    public static LorentzProductOp on(Device device, LorentzProduct product, DType dtype) {
        return Backends.select(device, "LorentzProductOp.on", java -> new JavaLorentzProductOp(java, dtype, product),
                kernel -> new KernelLorentzProductOp(kernel, kernel, dtype, product));
    }

    /**
     * The product this op runs.
     *
     * @return the product
     */
    public final LorentzProduct product() {
        return product;
    }

    /**
     * Writes out = x1 ⊗_H x2, weighted, for every sample.
     *
     * @param x1 {@code [2][batch][irreps1.dim]}
     * @param x2 {@code [2][batch][irreps2.dim]}
     * @param w {@code [2][weightLength]}
     * @param out {@code [2][batch][irrepsOut.dim]}, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer out, int batch) {
        checkInputs(FORWARD, x1, x2, w, batch);
        checkBuffer(FORWARD, "out", out, outLength(batch), OUT);
        checkAliasing(FORWARD, new Object[] {"out", out}, "x1", x1, "x2", x2, "w", w);
        if (batch > 0) run(FORWARD, () -> runForward(x1, x2, w, out, batch));
    }

    /**
     * Writes the gradients of a real loss with respect to x1, x2 and w, given gradOut = ∂L/∂out.
     *
     * @param x1 {@code [2][batch][irreps1.dim]}
     * @param x2 {@code [2][batch][irreps2.dim]}
     * @param w {@code [2][weightLength]}
     * @param gradOut {@code [2][batch][irrepsOut.dim]}
     * @param gradX1 the shape of x1, overwritten
     * @param gradX2 the shape of x2, overwritten
     * @param gradW the shape of w, summed over the batch and overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradW, int batch) {
        checkInputs(BACKWARD, x1, x2, w, batch);
        checkBuffer(BACKWARD, "gradOut", gradOut, outLength(batch), OUT);
        checkGradients(BACKWARD, gradX1, gradX2, gradW, batch);
        checkAliasing(BACKWARD, new Object[] {"gradX1", gradX1, "gradX2", gradX2, "gradW", gradW}, "x1", x1, "x2", x2,
                "w", w, "gradOut", gradOut);
        if (batch > 0) {
            run(BACKWARD, () -> runBackward(x1, x2, w, gradOut, gradX1, gradX2, gradW, batch));
        } else {
            // No sample: the weights' gradient, a sum over the batch, is 0.
            run(BACKWARD, gradW::zero);
        }
    }

    /**
     * Differentiates the backward: with gradX1, gradX2, gradW = {@link #backward}(x1, x2, w, gradOut)
     * and tangents v1, v2, vw, writes the gradients of Q = Re⟨v1, gradX1⟩ + Re⟨v2, gradX2⟩ +
     * Re⟨vw, gradW⟩ with respect to x1, x2, w and gradOut ({@link LorentzProduct#doubleBackward}).
     * v1, v2 and vw are laid out as x1, x2 and w.
     *
     * @param x1 {@code [2][batch][irreps1.dim]}
     * @param x2 {@code [2][batch][irreps2.dim]}
     * @param w {@code [2][weightLength]}
     * @param gradOut {@code [2][batch][irrepsOut.dim]}
     * @param v1 the tangent of x1, laid out as x1
     * @param v2 the tangent of x2, laid out as x2
     * @param vw the tangent of w, laid out as w
     * @param gradX1 the shape of x1, written
     * @param gradX2 the shape of x2, written
     * @param gradW the shape of w, written
     * @param gradGradOut the shape of gradOut, written
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void doubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vw, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradW, DeviceBuffer gradGradOut, int batch) {
        String call = DOUBLE_BACKWARD;
        checkInputs(call, x1, x2, w, batch);
        checkBuffer(call, "gradOut", gradOut, outLength(batch), OUT);
        checkBuffer(call, "v1", v1, complex(batch, product.irreps1().dim()), X1);
        checkBuffer(call, "v2", v2, complex(batch, product.irreps2().dim()), X2);
        checkBuffer(call, "vw", vw, complex(1, product.weightLength()), W);
        checkGradients(call, gradX1, gradX2, gradW, batch);
        checkBuffer(call, "gradGradOut", gradGradOut, outLength(batch), OUT);
        checkAliasing(call, new Object[] {"gradX1", gradX1, "gradX2", gradX2, "gradW", gradW, "gradGradOut",
            gradGradOut}, "x1", x1, "x2", x2, "w", w, "gradOut", gradOut, "v1", v1, "v2", v2, "vw", vw);
        if (batch > 0) {
            run(call, () -> runDoubleBackward(x1, x2, w, gradOut, v1, v2, vw, gradX1, gradX2, gradW, gradGradOut,
                    batch));
        } else {
            run(call, gradW::zero);
        }
    }

    /**
     * {@link #forward} after validation ({@code batch} ≥ 1).
     *
     * @param x1 {@code [2][batch][irreps1.dim]}
     * @param x2 {@code [2][batch][irreps2.dim]}
     * @param w {@code [2][weightLength]}
     * @param out {@code [2][batch][irrepsOut.dim]}
     * @param batch the number of samples
     */
    protected abstract void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer out, int batch);

    /**
     * {@link #backward} after validation ({@code batch} ≥ 1).
     *
     * @param x1 {@code [2][batch][irreps1.dim]}
     * @param x2 {@code [2][batch][irreps2.dim]}
     * @param w {@code [2][weightLength]}
     * @param gradOut {@code [2][batch][irrepsOut.dim]}
     * @param gradX1 the shape of x1, written
     * @param gradX2 the shape of x2, written
     * @param gradW the shape of w, written
     * @param batch the number of samples
     */
    protected abstract void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradW, int batch);

    /**
     * {@link #doubleBackward} after validation ({@code batch} ≥ 1).
     *
     * @param x1 {@code [2][batch][irreps1.dim]}
     * @param x2 {@code [2][batch][irreps2.dim]}
     * @param w {@code [2][weightLength]}
     * @param gradOut {@code [2][batch][irrepsOut.dim]}
     * @param v1 the tangent of x1
     * @param v2 the tangent of x2
     * @param vw the tangent of w
     * @param gradX1 the shape of x1
     * @param gradX2 the shape of x2
     * @param gradW the shape of w
     * @param gradGradOut the shape of gradOut
     * @param batch the number of samples
     */
    protected abstract void runDoubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vw, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradW, DeviceBuffer gradGradOut, int batch);

    private void checkInputs(String call, DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, int batch) {
        checkOpen(call);
        checkCount(call, "batch", batch);
        checkBuffer(call, "x1", x1, complex(batch, product.irreps1().dim()), X1);
        checkBuffer(call, "x2", x2, complex(batch, product.irreps2().dim()), X2);
        checkBuffer(call, "w", w, complex(1, product.weightLength()), W);
    }

    private void checkGradients(String call, DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradW,
            int batch) {
        checkBuffer(call, "gradX1", gradX1, complex(batch, product.irreps1().dim()), X1);
        checkBuffer(call, "gradX2", gradX2, complex(batch, product.irreps2().dim()), X2);
        checkBuffer(call, "gradW", gradW, complex(1, product.weightLength()), W);
    }

    private long outLength(int batch) {
        return complex(batch, product.irrepsOut().dim());
    }

    /**
     * Outputs must differ from each other and from every input; inputs may repeat, so x1 and x2 may
     * be one buffer (LGN's self product CG(rep_i, rep_i)).
     */
    static void checkAliasing(String call, Object[] outputs, Object... inputs) {
        checkDistinct(call, outputs);
        for (int o = 0; o < outputs.length; o += 2) {
            for (int i = 0; i < inputs.length; i += 2) {
                checkDistinct(call, outputs[o], outputs[o + 1], inputs[i], inputs[i + 1]);
            }
        }
    }

    /** 2 · batch · dim, exactly: the length of a planar complex buffer. */
    static long complex(int batch, int dim) {
        return Math.multiplyExact(Math.multiplyExact(2L, batch), (long) dim);
    }
}
