package org.equikern.ops.pelican;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * PELICAN's 2→2 aggregation ({@link PelicanAggregation} with {@link PelicanMap#TWO_TO_TWO}) on a
 * device: the 15 permutation-equivariant maps of every channel of a batch of padded jets.
 * Layouts are the host class's: {@code in [batch][particles][particles][channels]},
 * {@code out [batch][particles][particles][channels][15]}, {@code alpha [channels][10]}, and an
 * INT32 buffer {@code counts [batch]} of real particles per jet. The Java device checks each count
 * against {@code [0, particles]}; kernel devices clamp a count into that range.
 *
 * <p>Obtain one from {@link #on}; every call validates devices, dtypes, lengths and aliasing
 * before anything runs.
 */
public abstract class PelicanAggregationOp extends DeviceOp {
    private static final String FORWARD = "PelicanAggregationOp.forward";

    private final PelicanAggregation aggregation;

    /**
     * For backends: the op of {@code aggregation} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @param aggregation the 2→2 aggregation, not null
     * @throws IllegalArgumentException when {@code aggregation} is null or not 2→2, for INT32, or for FLOAT64
     *     on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected PelicanAggregationOp(Device device, DType dtype, PelicanAggregation aggregation) {
        super(device, dtype);
        if (aggregation == null) {
            throw new IllegalArgumentException("PelicanAggregationOp: aggregation must not be null");
        }
        if (aggregation.map() != PelicanMap.TWO_TO_TWO) {
            throw new IllegalArgumentException("PelicanAggregationOp: aggregation map must be TWO_TO_TWO, got "
                    + aggregation.map());
        }
        this.aggregation = aggregation;
    }

    /**
     * The 2→2 aggregation {@code aggregation} on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param aggregation the 2→2 aggregation
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code aggregation} is null or not 2→2, for INT32, or
     *     for FLOAT64 on a device without it
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
     * @param in {@code [batch][particles][particles][channels]}
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
        checkOpen(FORWARD);
        checkCount(FORWARD, "batch", batch);
        checkCount(FORWARD, "particles", particles);
        String jets = "batch " + batch + ", particles " + particles;
        checkBuffer(FORWARD, "in", in, aggregation.inputLength(batch, particles), jets + ", channels squared");
        checkIndexBuffer(FORWARD, "counts", counts, batch, "batch");
        checkBuffer(FORWARD, "alpha", alpha, aggregation.alphaLength(), "channels * 10 scaled ops");
        checkBuffer(FORWARD, "out", out, aggregation.outputLength(batch, particles), jets + ", channels, 15 ops");
        checkDistinct(FORWARD, "out", out, "in", in, "alpha", alpha);
        if (batch > 0 && particles > 0) run(FORWARD, () -> runForward(in, counts, alpha, out, batch, particles));
    }

    /**
     * {@link #forward} after validation, with batch and particles both positive.
     *
     * @param in {@code [batch][particles][particles][channels]}
     * @param counts INT32 {@code [batch]}
     * @param alpha {@code [channels][scaledOps]}
     * @param out {@code [batch][particles][particles][channels][ops]}
     * @param batch the number of jets
     * @param particles the padded particles per jet
     */
    protected abstract void runForward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out,
            int batch, int particles);
}
