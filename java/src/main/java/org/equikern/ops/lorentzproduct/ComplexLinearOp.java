package org.equikern.ops.lorentzproduct;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.device.MemoryScope;

/**
 * {@link ComplexLinear} (complex channel mixing per irrep) on a device, forward, backward and
 * double backward. As on the host, it is the fully connected {@link LorentzProductOp} of x with the
 * constant (0,0) feature 1, so every backend runs that op's kernels and no mixing kernel of its own
 * exists; each call fills a scratch buffer of ones (and, backward, receives the unused gradient of
 * the ones) from the device's pool. Buffers are planar like {@link LorentzProductOp}'s: x {@code [2][batch][irrepsIn.dim]},
 * out {@code [2][batch][irrepsOut.dim]}, the weights {@code [2][weightLength]}. Outputs are
 * overwritten; gradients are ∂L/∂Re + i·∂L/∂Im of a real loss, the weights' summed over the batch.
 *
 * <p>Every call validates devices, dtypes, lengths and aliasing before anything runs. Thread-safe.
 */
public final class ComplexLinearOp extends DeviceOp {
    private static final String FORWARD = "ComplexLinearOp.forward";
    private static final String BACKWARD = "ComplexLinearOp.backward";
    private static final String DOUBLE_BACKWARD = "ComplexLinearOp.doubleBackward";
    private static final String X = "2 · batch · irrepsIn.dim";
    private static final String OUT = "2 · batch · irrepsOut.dim";
    private static final String W = "2 · weightLength";

    private final ComplexLinear linear;
    private final LorentzProductOp product;

    private ComplexLinearOp(Device device, DType dtype, ComplexLinear linear) {
        super(device, dtype);
        this.linear = linear;
        this.product = LorentzProductOp.on(device, linear.product(), dtype);
    }

    /**
     * The mixing {@code linear} on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param linear the mixing
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code device} or {@code linear} is null, for INT32, or for
     *     FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static ComplexLinearOp on(Device device, ComplexLinear linear, DType dtype) {
        if (device == null) throw new IllegalArgumentException("ComplexLinearOp.on: device must not be null");
        if (linear == null) throw new IllegalArgumentException("ComplexLinearOp.on: linear must not be null");
        return new ComplexLinearOp(device, dtype, linear);
    }

    /**
     * The mixing this op runs.
     *
     * @return the mixing
     */
    public ComplexLinear linear() {
        return linear;
    }

    /**
     * Writes out = W·x per irrep for every sample.
     *
     * @param x {@code [2][batch][irrepsIn.dim]}
     * @param w {@code [2][weightLength]}
     * @param out {@code [2][batch][irrepsOut.dim]}, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public void forward(DeviceBuffer x, DeviceBuffer w, DeviceBuffer out, int batch) {
        checkInputs(FORWARD, x, w, batch);
        checkBuffer(FORWARD, "out", out, LorentzProductOp.complex(batch, linear.irrepsOut().dim()), OUT);
        LorentzProductOp.checkAliasing(FORWARD, new Object[] {"out", out}, "x", x, "w", w);
        if (batch == 0) return;
        run(FORWARD, () -> {
            try (MemoryScope scope = device().openScope()) {
                product.forward(x, ones(scope, batch), w, out, batch);
            }
        });
    }

    /**
     * Writes the gradients of a real loss with respect to x and w, given gradOut = ∂L/∂out.
     *
     * @param x {@code [2][batch][irrepsIn.dim]}
     * @param w {@code [2][weightLength]}
     * @param gradOut {@code [2][batch][irrepsOut.dim]}
     * @param gradX the shape of x, overwritten
     * @param gradW the shape of w, summed over the batch and overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public void backward(DeviceBuffer x, DeviceBuffer w, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradW, int batch) {
        checkInputs(BACKWARD, x, w, batch);
        checkBuffer(BACKWARD, "gradOut", gradOut, LorentzProductOp.complex(batch, linear.irrepsOut().dim()), OUT);
        checkBuffer(BACKWARD, "gradX", gradX, LorentzProductOp.complex(batch, linear.irrepsIn().dim()), X);
        checkBuffer(BACKWARD, "gradW", gradW, LorentzProductOp.complex(1, linear.weightLength()), W);
        LorentzProductOp.checkAliasing(BACKWARD, new Object[] {"gradX", gradX, "gradW", gradW}, "x", x, "w", w,
                "gradOut", gradOut);
        run(BACKWARD, () -> {
            if (batch == 0) {
                // No sample: the weights' gradient, a sum over the batch, is 0.
                gradW.zero();
                return;
            }
            try (MemoryScope scope = device().openScope()) {
                DeviceBuffer gradOnes = scope.allocate(dtype(), LorentzProductOp.complex(batch, 1));
                product.backward(x, ones(scope, batch), w, gradOut, gradX, gradOnes, gradW, batch);
            }
        });
    }

    /**
     * Differentiates the backward: with gradX, gradW = {@link #backward}(x, w, gradOut) and tangents vx,
     * vw, writes the gradients of Q = Re⟨vx, gradX⟩ + Re⟨vw, gradW⟩ with respect to x, w and gradOut.
     *
     * @param x {@code [2][batch][irrepsIn.dim]}
     * @param w {@code [2][weightLength]}
     * @param gradOut {@code [2][batch][irrepsOut.dim]}
     * @param vx the tangent of x, laid out as x
     * @param vw the tangent of w, laid out as w
     * @param gradX the shape of x, overwritten
     * @param gradW the shape of w, overwritten
     * @param gradGradOut the shape of gradOut, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public void doubleBackward(DeviceBuffer x, DeviceBuffer w, DeviceBuffer gradOut, DeviceBuffer vx,
            DeviceBuffer vw, DeviceBuffer gradX, DeviceBuffer gradW, DeviceBuffer gradGradOut, int batch) {
        checkInputs(DOUBLE_BACKWARD, x, w, batch);
        long xLength = LorentzProductOp.complex(batch, linear.irrepsIn().dim());
        long outLength = LorentzProductOp.complex(batch, linear.irrepsOut().dim());
        long wLength = LorentzProductOp.complex(1, linear.weightLength());
        checkBuffer(DOUBLE_BACKWARD, "gradOut", gradOut, outLength, OUT);
        checkBuffer(DOUBLE_BACKWARD, "vx", vx, xLength, X);
        checkBuffer(DOUBLE_BACKWARD, "vw", vw, wLength, W);
        checkBuffer(DOUBLE_BACKWARD, "gradX", gradX, xLength, X);
        checkBuffer(DOUBLE_BACKWARD, "gradW", gradW, wLength, W);
        checkBuffer(DOUBLE_BACKWARD, "gradGradOut", gradGradOut, outLength, OUT);
        LorentzProductOp.checkAliasing(DOUBLE_BACKWARD, new Object[] {"gradX", gradX, "gradW", gradW, "gradGradOut",
            gradGradOut}, "x", x, "w", w, "gradOut", gradOut, "vx", vx, "vw", vw);
        run(DOUBLE_BACKWARD, () -> {
            if (batch == 0) {
                gradW.zero();
                return;
            }
            try (MemoryScope scope = device().openScope()) {
                // The constant feature has no tangent, and its gradient is not wanted.
                DeviceBuffer still = scope.allocate(dtype(), LorentzProductOp.complex(batch, 1));
                still.zero();
                DeviceBuffer gradOnes = scope.allocate(dtype(), still.length());
                product.doubleBackward(x, ones(scope, batch), w, gradOut, vx, still, vw, gradX, gradOnes, gradW,
                        gradGradOut, batch);
            }
        });
    }

    private void checkInputs(String call, DeviceBuffer x, DeviceBuffer w, int batch) {
        checkOpen(call);
        checkCount(call, "batch", batch);
        checkBuffer(call, "x", x, LorentzProductOp.complex(batch, linear.irrepsIn().dim()), X);
        checkBuffer(call, "w", w, LorentzProductOp.complex(1, linear.weightLength()), W);
    }

    /** The constant feature: [2][batch][1] with real plane 1 and imaginary plane 0. */
    private DeviceBuffer ones(MemoryScope scope, int batch) {
        if (dtype() == DType.FLOAT64) {
            double[] values = new double[2 * batch];
            Arrays.fill(values, 0, batch, 1.0);
            return scope.upload(values);
        }
        float[] values = new float[2 * batch];
        Arrays.fill(values, 0, batch, 1.0f);
        return scope.upload(values);
    }

    @Override
    protected void release() {
        product.close();
    }
}
