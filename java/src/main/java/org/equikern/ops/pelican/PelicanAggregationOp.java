package org.equikern.ops.pelican;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * PELICAN's aggregation maps ({@link PelicanAggregation}: 1→2, 2→2, 2→1 or 2→0, masked mean or
 * sum, ×(n/N_avg)^α) on a device, forward and backward, over every channel of a batch of padded
 * jets. Layouts are the host class's, channel innermost: a rank-2 array
 * {@code [batch][particles][particles][channels]}, rank-1 {@code [batch][particles][channels]},
 * the output {@code [batch][particles]^outRank[channels][ops]}, {@code alpha [channels][scaled ops]},
 * and an INT32 buffer {@code counts [batch]} of real particles per jet. The Java device checks each
 * count against {@code [0, particles]}; kernel devices clamp a count into that range.
 *
 * <p>Obtain one from {@link #on}; every call validates devices, dtypes, lengths and aliasing
 * before anything runs.
 */
public abstract class PelicanAggregationOp extends DeviceOp {
    private static final String FORWARD = "PelicanAggregationOp.forward";
    private static final String BACKWARD = "PelicanAggregationOp.backward";

    private final PelicanAggregation aggregation;

    /**
     * The base of the backends' implementations.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @param aggregation the aggregation, not null
     * @throws IllegalArgumentException when {@code aggregation} is null, for INT32, or for FLOAT64 on a
     *     device without it
     * @throws IllegalStateException when the device is closed
     */
    protected PelicanAggregationOp(Device device, DType dtype, PelicanAggregation aggregation) {
        super(device, dtype);
        if (aggregation == null) {
            throw new IllegalArgumentException("PelicanAggregationOp: aggregation must not be null");
        }
        this.aggregation = aggregation;
    }

    /**
     * The aggregation {@code aggregation} on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param aggregation the aggregation
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code aggregation} is null, for INT32, or for FLOAT64
     *     on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static PelicanAggregationOp on(Device device, PelicanAggregation aggregation, DType dtype) {
        return Backends.select(device, "PelicanAggregationOp.on",
                java -> new JavaPelicanAggregationOp(java, dtype, aggregation),
                kernel -> new KernelPelicanAggregationOp(kernel, kernel, dtype, aggregation));
    }

    /**
     * The aggregation this op runs.
     *
     * @return the aggregation
     */
    public final PelicanAggregation aggregation() {
        return aggregation;
    }

    /**
     * Every op of the map on every channel of {@code batch} jets padded to {@code particles}.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param alpha {@code [channels][scaledOps]}
     * @param out overwritten, 0 at padded positions; not {@code in} or {@code alpha}
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 0
     * @throws IllegalArgumentException for a negative count, or a buffer of another device, dtype or length,
     *     or an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out, int batch,
            int particles) {
        checkInputs(FORWARD, in, counts, alpha, batch, particles);
        checkBuffer(FORWARD, "out", out, aggregation.outputLength(batch, particles), outShape(batch, particles));
        checkDistinct(FORWARD, "out", out, "in", in, "alpha", alpha);
        if (batch > 0 && particles > 0) run(FORWARD, () -> runForward(in, counts, alpha, out, batch, particles));
    }

    /**
     * The gradients of {@code Σ out · gradOut} with respect to the input (0 at padding) and to α
     * (summed over the batch), both overwritten.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts INT32 {@code [batch]}, the real particles of each jet
     * @param alpha {@code [channels][scaledOps]}
     * @param gradOut {@code [batch][particles]^outRank[channels][ops]}
     * @param gradIn the shape of {@code in}
     * @param gradAlpha {@code [channels][scaledOps]}
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 0
     * @throws IllegalArgumentException for a negative count, or a buffer of another device, dtype or length,
     *     or an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer gradOut,
            DeviceBuffer gradIn, DeviceBuffer gradAlpha, int batch, int particles) {
        checkInputs(BACKWARD, in, counts, alpha, batch, particles);
        checkBuffer(BACKWARD, "gradOut", gradOut, aggregation.outputLength(batch, particles),
                outShape(batch, particles));
        checkBuffer(BACKWARD, "gradIn", gradIn, aggregation.inputLength(batch, particles), inShape(batch, particles));
        checkBuffer(BACKWARD, "gradAlpha", gradAlpha, aggregation.alphaLength(), alphaShape());
        checkDistinct(BACKWARD, "gradIn", gradIn, "gradAlpha", gradAlpha, "in", in, "alpha", alpha, "gradOut",
                gradOut);
        if (batch > 0 && particles > 0) {
            run(BACKWARD, () -> runBackward(in, counts, alpha, gradOut, gradIn, gradAlpha, batch, particles));
        }
    }

    /**
     * {@link #forward} after validation, with batch and particles both positive.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts INT32 {@code [batch]}
     * @param alpha {@code [channels][scaledOps]}
     * @param out {@code [batch][particles]^outRank[channels][ops]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runForward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out,
            int batch, int particles);

    /**
     * {@link #backward} after validation, with batch and particles both positive.
     *
     * @param in {@code [batch][particles]^inRank[channels]}
     * @param counts INT32 {@code [batch]}
     * @param alpha {@code [channels][scaledOps]}
     * @param gradOut {@code [batch][particles]^outRank[channels][ops]}
     * @param gradIn the shape of {@code in}
     * @param gradAlpha {@code [channels][scaledOps]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runBackward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha,
            DeviceBuffer gradOut, DeviceBuffer gradIn, DeviceBuffer gradAlpha, int batch, int particles);

    private void checkInputs(String call, DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, int batch,
            int particles) {
        checkOpen(call);
        checkCount(call, "batch", batch);
        checkCount(call, "particles", particles);
        checkBuffer(call, "in", in, aggregation.inputLength(batch, particles), inShape(batch, particles));
        checkIndexBuffer(call, "counts", counts, batch, "batch");
        checkBuffer(call, "alpha", alpha, aggregation.alphaLength(), alphaShape());
    }

    private String inShape(int batch, int particles) {
        return jets(batch, particles, aggregation.map().inRank()) + ", channels";
    }

    private String outShape(int batch, int particles) {
        return jets(batch, particles, aggregation.map().outRank()) + ", channels, " + aggregation.map().opCount()
                + " ops";
    }

    private String alphaShape() {
        return "channels * " + aggregation.map().scaledOpCount() + " scaled ops";
    }

    private static String jets(int batch, int particles, int rank) {
        return "batch " + batch + (rank == 0 ? "" : ", particles " + particles + (rank == 2 ? " squared" : ""));
    }
}
