package org.equikern.ops.lorentznet;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * LorentzNet's LGEB primitives ({@link LgebPrimitives}) on a device, forward and backward: the
 * edge features ψ(‖x_i − x_j‖²) and ψ(⟨x_i, x_j⟩), the position update
 * x_i + c·mean_{j≠i} (x_i − x_j)·φ_ij, and the message sum Σ_{j≠i} m_ij, over every ordered pair
 * i ≠ j of real particles of a batch of padded jets. Layouts are the host class's: x
 * {@code [batch][particles][4]}, edge arrays {@code [batch][particles][particles]}, messages
 * {@code [batch][particles][particles][hidden]}, sums {@code [batch][particles][hidden]}, and an
 * INT32 buffer {@code counts [batch]}. Outputs are overwritten; padded entries and the diagonal
 * i = j read back 0. The Java device checks each count against {@code [0, particles]}; kernel
 * devices clamp a count into that range.
 *
 * <p>Obtain one from {@link #on}; every call validates devices, dtypes, lengths and aliasing
 * before anything runs.
 */
public abstract class LgebOp extends DeviceOp {
    private static final String EDGE_FEATURES = "LgebOp.edgeFeatures";
    private static final String EDGE_FEATURES_BACKWARD = "LgebOp.edgeFeaturesBackward";
    private static final String POSITION_UPDATE = "LgebOp.positionUpdate";
    private static final String POSITION_UPDATE_BACKWARD = "LgebOp.positionUpdateBackward";
    private static final String MESSAGE_SUM = "LgebOp.messageSum";
    private static final String MESSAGE_SUM_BACKWARD = "LgebOp.messageSumBackward";
    private static final String POSITIONS = "batch · particles · 4";
    private static final String EDGES = "batch · particles²";
    private static final String MESSAGES = "batch · particles² · hidden";
    private static final String SUMS = "batch · particles · hidden";

    private final int hidden;
    private final double coefficient;

    /**
     * The base of the backends' implementations.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @param hidden the width of a message, ≥ 1
     * @param coefficient c of the position update, finite
     * @throws IllegalArgumentException for hidden &lt; 1, a non-finite coefficient, INT32, or FLOAT64 on a
     *     device without it
     * @throws IllegalStateException when the device is closed
     */
    protected LgebOp(Device device, DType dtype, int hidden, double coefficient) {
        super(device, dtype);
        if (hidden < 1) throw new IllegalArgumentException("LgebOp: hidden must be >= 1, got " + hidden);
        if (!Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("LgebOp: coefficient must be finite, got " + coefficient);
        }
        this.hidden = hidden;
        this.coefficient = coefficient;
    }

    /**
     * The LGEB primitives on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param hidden the width of a message m_ij
     * @param coefficient c of the position update (LorentzNet's {@code c_weight}, 1e-3 in its runs)
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException for hidden &lt; 1, a non-finite coefficient, INT32, or FLOAT64
     *     on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static LgebOp on(Device device, int hidden, double coefficient, DType dtype) {
        return Backends.select(device, "LgebOp.on", java -> new JavaLgebOp(java, dtype, hidden, coefficient),
                kernel -> new KernelLgebOp(kernel, kernel, dtype, hidden, coefficient));
    }

    /**
     * The width of a message.
     *
     * @return the width, ≥ 1
     */
    public final int hidden() {
        return hidden;
    }

    /**
     * c of the position update.
     *
     * @return c
     */
    public final double coefficient() {
        return coefficient;
    }

    /**
     * Writes norms[b][i][j] = ψ(‖x_i − x_j‖²) and dots[b][i][j] = ψ(⟨x_i, x_j⟩) for real i ≠ j.
     *
     * @param x positions {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param norms {@code [batch][particles][particles]}, overwritten
     * @param dots {@code [batch][particles][particles]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a bad count, or a buffer of another device, dtype or length, or an
     *     output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void edgeFeatures(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer norms, DeviceBuffer dots,
            int batch, int particles) {
        checkJets(EDGE_FEATURES, x, counts, batch, particles);
        checkBuffer(EDGE_FEATURES, "norms", norms, edges(batch, particles), EDGES);
        checkBuffer(EDGE_FEATURES, "dots", dots, edges(batch, particles), EDGES);
        checkDistinct(EDGE_FEATURES, "norms", norms, "dots", dots, "x", x);
        if (batch > 0) run(EDGE_FEATURES, () -> runEdgeFeatures(x, counts, norms, dots, batch, particles));
    }

    /**
     * Writes the gradient of {@code Σ norms · gradNorms + dots · gradDots} with respect to x.
     *
     * @param x positions {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param gradNorms {@code [batch][particles][particles]}
     * @param gradDots {@code [batch][particles][particles]}
     * @param gradX {@code [batch][particles][4]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a bad count, or a buffer of another device, dtype or length, or an
     *     output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void edgeFeaturesBackward(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer gradNorms,
            DeviceBuffer gradDots, DeviceBuffer gradX, int batch, int particles) {
        checkJets(EDGE_FEATURES_BACKWARD, x, counts, batch, particles);
        checkBuffer(EDGE_FEATURES_BACKWARD, "gradNorms", gradNorms, edges(batch, particles), EDGES);
        checkBuffer(EDGE_FEATURES_BACKWARD, "gradDots", gradDots, edges(batch, particles), EDGES);
        checkBuffer(EDGE_FEATURES_BACKWARD, "gradX", gradX, positions(batch, particles), POSITIONS);
        checkDistinct(EDGE_FEATURES_BACKWARD, "gradX", gradX, "x", x, "gradNorms", gradNorms, "gradDots", gradDots);
        if (batch > 0) {
            run(EDGE_FEATURES_BACKWARD,
                    () -> runEdgeFeaturesBackward(x, counts, gradNorms, gradDots, gradX, batch, particles));
        }
    }

    /**
     * Writes out_i = x_i + c·mean_{j≠i} (x_i − x_j)·φ_ij (the mean over max(1, n − 1) edges).
     *
     * @param x positions {@code [batch][particles][4]}
     * @param phi φ_ij, {@code [batch][particles][particles]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param out {@code [batch][particles][4]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a bad count, or a buffer of another device, dtype or length, or an
     *     output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void positionUpdate(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts, DeviceBuffer out,
            int batch, int particles) {
        checkJets(POSITION_UPDATE, x, counts, batch, particles);
        checkBuffer(POSITION_UPDATE, "phi", phi, edges(batch, particles), EDGES);
        checkBuffer(POSITION_UPDATE, "out", out, positions(batch, particles), POSITIONS);
        checkDistinct(POSITION_UPDATE, "out", out, "x", x, "phi", phi);
        if (batch > 0) run(POSITION_UPDATE, () -> runPositionUpdate(x, phi, counts, out, batch, particles));
    }

    /**
     * Writes the gradients of {@code Σ out · gradOut} with respect to x and φ.
     *
     * @param x positions {@code [batch][particles][4]}
     * @param phi φ_ij, {@code [batch][particles][particles]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param gradOut {@code [batch][particles][4]}
     * @param gradX {@code [batch][particles][4]}, overwritten
     * @param gradPhi {@code [batch][particles][particles]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a bad count, or a buffer of another device, dtype or length, or an
     *     output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void positionUpdateBackward(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradPhi, int batch, int particles) {
        String call = POSITION_UPDATE_BACKWARD;
        checkJets(call, x, counts, batch, particles);
        checkBuffer(call, "phi", phi, edges(batch, particles), EDGES);
        checkBuffer(call, "gradOut", gradOut, positions(batch, particles), POSITIONS);
        checkBuffer(call, "gradX", gradX, positions(batch, particles), POSITIONS);
        checkBuffer(call, "gradPhi", gradPhi, edges(batch, particles), EDGES);
        checkDistinct(call, "gradX", gradX, "gradPhi", gradPhi, "x", x, "phi", phi, "gradOut", gradOut);
        if (batch > 0) {
            run(call, () -> runPositionUpdateBackward(x, phi, counts, gradOut, gradX, gradPhi, batch, particles));
        }
    }

    /**
     * Writes sums[b][i][h] = Σ_{real j ≠ i} m[b][i][j][h] for real i.
     *
     * @param m the messages, {@code [batch][particles][particles][hidden]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param sums {@code [batch][particles][hidden]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a bad count, or a buffer of another device, dtype or length, or an
     *     output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void messageSum(DeviceBuffer m, DeviceBuffer counts, DeviceBuffer sums, int batch, int particles) {
        checkShape(MESSAGE_SUM, counts, batch, particles);
        checkBuffer(MESSAGE_SUM, "m", m, messages(batch, particles), MESSAGES);
        checkBuffer(MESSAGE_SUM, "sums", sums, sums(batch, particles), SUMS);
        checkDistinct(MESSAGE_SUM, "sums", sums, "m", m);
        if (batch > 0) run(MESSAGE_SUM, () -> runMessageSum(m, counts, sums, batch, particles));
    }

    /**
     * Writes the gradient of {@code Σ sums · gradSums} with respect to m: gradSums[i] on every real edge (i,
     * j).
     *
     * @param gradSums {@code [batch][particles][hidden]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param gradM {@code [batch][particles][particles][hidden]}, overwritten
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @throws IllegalArgumentException for a bad count, or a buffer of another device, dtype or length, or an
     *     output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void messageSumBackward(DeviceBuffer gradSums, DeviceBuffer counts, DeviceBuffer gradM, int batch,
            int particles) {
        checkShape(MESSAGE_SUM_BACKWARD, counts, batch, particles);
        checkBuffer(MESSAGE_SUM_BACKWARD, "gradSums", gradSums, sums(batch, particles), SUMS);
        checkBuffer(MESSAGE_SUM_BACKWARD, "gradM", gradM, messages(batch, particles), MESSAGES);
        checkDistinct(MESSAGE_SUM_BACKWARD, "gradM", gradM, "gradSums", gradSums);
        if (batch > 0) run(MESSAGE_SUM_BACKWARD, () -> runMessageSumBackward(gradSums, counts, gradM, batch, particles));
    }

    /**
     * {@link #edgeFeatures} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}
     * @param norms {@code [batch][particles][particles]}
     * @param dots {@code [batch][particles][particles]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runEdgeFeatures(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer norms,
            DeviceBuffer dots, int batch, int particles);

    /**
     * {@link #edgeFeaturesBackward} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [batch][particles][4]}
     * @param counts INT32 {@code [batch]}
     * @param gradNorms {@code [batch][particles][particles]}
     * @param gradDots {@code [batch][particles][particles]}
     * @param gradX {@code [batch][particles][4]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runEdgeFeaturesBackward(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer gradNorms,
            DeviceBuffer gradDots, DeviceBuffer gradX, int batch, int particles);

    /**
     * {@link #positionUpdate} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [batch][particles][4]}
     * @param phi {@code [batch][particles][particles]}
     * @param counts INT32 {@code [batch]}
     * @param out {@code [batch][particles][4]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runPositionUpdate(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts,
            DeviceBuffer out, int batch, int particles);

    /**
     * {@link #positionUpdateBackward} after validation ({@code batch} ≥ 1).
     *
     * @param x {@code [batch][particles][4]}
     * @param phi {@code [batch][particles][particles]}
     * @param counts INT32 {@code [batch]}
     * @param gradOut {@code [batch][particles][4]}
     * @param gradX {@code [batch][particles][4]}
     * @param gradPhi {@code [batch][particles][particles]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runPositionUpdateBackward(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradPhi, int batch, int particles);

    /**
     * {@link #messageSum} after validation ({@code batch} ≥ 1).
     *
     * @param m {@code [batch][particles][particles][hidden]}
     * @param counts INT32 {@code [batch]}
     * @param sums {@code [batch][particles][hidden]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runMessageSum(DeviceBuffer m, DeviceBuffer counts, DeviceBuffer sums, int batch,
            int particles);

    /**
     * {@link #messageSumBackward} after validation ({@code batch} ≥ 1).
     *
     * @param gradSums {@code [batch][particles][hidden]}
     * @param counts INT32 {@code [batch]}
     * @param gradM {@code [batch][particles][particles][hidden]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runMessageSumBackward(DeviceBuffer gradSums, DeviceBuffer counts, DeviceBuffer gradM,
            int batch, int particles);

    private void checkJets(String call, DeviceBuffer x, DeviceBuffer counts, int batch, int particles) {
        checkShape(call, counts, batch, particles);
        checkBuffer(call, "x", x, positions(batch, particles), POSITIONS);
    }

    private void checkShape(String call, DeviceBuffer counts, int batch, int particles) {
        checkOpen(call);
        checkCount(call, "batch", batch);
        if (particles < 1) throw new IllegalArgumentException(call + ": particles must be >= 1, got " + particles);
        checkIndexBuffer(call, "counts", counts, batch, "batch");
    }

    private static long positions(int batch, int particles) {
        return Math.multiplyExact(Math.multiplyExact((long) batch, particles), 4L);
    }

    private static long edges(int batch, int particles) {
        return Math.multiplyExact(Math.multiplyExact((long) batch, particles), (long) particles);
    }

    private long messages(int batch, int particles) {
        return Math.multiplyExact(edges(batch, particles), (long) hidden);
    }

    private long sums(int batch, int particles) {
        return Math.multiplyExact(Math.multiplyExact((long) batch, particles), (long) hidden);
    }
}
