package org.equikern.ops.minkowski;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * {@link MinkowskiGram} on a device: the batched, masked Gram matrix {@code G[b][i][j] = ⟨p_i, p_j⟩}
 * (metric (+,−,−,−)) of {@code batch} jets padded to {@code particles} particles, and its momentum
 * gradient. Layouts: momenta {@code [batch][particles][4]}, Gram {@code [batch][particles][particles]},
 * counts an INT32 buffer of {@code batch} entries; outputs are overwritten, padding reads back 0.
 *
 * <p>Counts stay on the device, so they are not validated: a count outside {@code 0..particles} is
 * clamped to that range on every backend (no read past a jet).
 */
public abstract class MinkowskiGramOp extends DeviceOp {
    private static final String FORWARD = "MinkowskiGramOp.forward";
    private static final String BACKWARD = "MinkowskiGramOp.backward";

    /**
     * The base of the backends' implementations.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected MinkowskiGramOp(Device device, DType dtype) {
        super(device, dtype);
    }

    /**
     * The operation on {@code device} in {@code dtype}: the registration, one branch per backend.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static MinkowskiGramOp on(Device device, DType dtype) {
        return Backends.select(device, "MinkowskiGramOp.on", java -> new JavaMinkowskiGramOp(java, dtype),
                kernel -> new KernelMinkowskiGramOp(kernel, kernel, dtype));
    }

    /**
     * Writes the Gram matrices of the jets' momenta into {@code gram}.
     *
     * @param momenta {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param gram {@code [batch][particles][particles]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a negative batch, particles below 1, or a buffer of another
     *     device, dtype or length
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gram, int batch,
            int particles) {
        checkShape(FORWARD, momenta, counts, batch, particles);
        checkBuffer(FORWARD, "gram", gram, gramLength(batch, particles), "batch · particles²");
        checkDistinct(FORWARD, "gram", gram, "momenta", momenta);
        if (batch > 0) run(FORWARD, () -> runForward(momenta, counts, gram, batch, particles));
    }

    /**
     * Writes the gradient of {@code Σ gram · gradGram} with respect to the momenta into
     * {@code gradMomenta}: {@code Σ_j (g_ij + g_ji)·η·p_j} for real particles, 0 for padding.
     *
     * @param momenta {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param gradGram {@code [batch][particles][particles]}
     * @param gradMomenta {@code [batch][particles][4]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a negative batch, particles below 1, or a buffer of another
     *     device, dtype or length
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gradGram,
            DeviceBuffer gradMomenta, int batch, int particles) {
        checkShape(BACKWARD, momenta, counts, batch, particles);
        checkBuffer(BACKWARD, "gradGram", gradGram, gramLength(batch, particles), "batch · particles²");
        checkBuffer(BACKWARD, "gradMomenta", gradMomenta, momentaLength(batch, particles), "batch · particles · 4");
        checkDistinct(BACKWARD, "gradMomenta", gradMomenta, "momenta", momenta, "gradGram", gradGram);
        if (batch > 0) run(BACKWARD, () -> runBackward(momenta, counts, gradGram, gradMomenta, batch, particles));
    }

    /**
     * The backend's forward, on arguments already checked ({@code batch} ≥ 1).
     *
     * @param momenta {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}
     * @param gram {@code [batch][particles][particles]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runForward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gram, int batch,
            int particles);

    /**
     * The backend's backward, on arguments already checked ({@code batch} ≥ 1).
     *
     * @param momenta {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}
     * @param gradGram {@code [batch][particles][particles]}
     * @param gradMomenta {@code [batch][particles][4]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runBackward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gradGram,
            DeviceBuffer gradMomenta, int batch, int particles);

    private void checkShape(String call, DeviceBuffer momenta, DeviceBuffer counts, int batch, int particles) {
        checkOpen(call);
        checkCount(call, "batch", batch);
        if (particles < 1) throw new IllegalArgumentException(call + ": particles must be >= 1, got " + particles);
        checkIndexBuffer(call, "counts", counts, batch, "batch");
        checkBuffer(call, "momenta", momenta, momentaLength(batch, particles), "batch · particles · 4");
    }

    private static long momentaLength(int batch, int particles) {
        return Math.multiplyExact(Math.multiplyExact((long) batch, particles), 4L);
    }

    private static long gramLength(int batch, int particles) {
        return Math.multiplyExact(Math.multiplyExact((long) batch, particles), (long) particles);
    }
}
