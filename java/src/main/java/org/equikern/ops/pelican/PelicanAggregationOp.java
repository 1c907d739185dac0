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
     * @throws IllegalArgumentException when {@code aggregation} is null or not 2→2, for INT32, or
     *     for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static PelicanAggregationOp on(Device device, PelicanAggregation aggregation, DType dtype) {
        return Backends.select(device, "PelicanAggregationOp.on",
                java -> new JavaPelicanAggregationOp(java, dtype, aggregation),
                kernel -> new KernelPelicanAggregationOp(kernel, kernel, dtype, aggregation));
    }

    /** The aggregation this op runs. */
    public final PelicanAggregation aggregation() {
        return aggregation;
    }

    /**
     * Every op of the map on every channel of {@code batch} jets padded to {@code particles}.
     *
     * @param out overwritten, 0 at padded positions; not {@code in} or {@code alpha}
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

    /** {@link #forward} after validation, with batch and particles both positive. */
    protected abstract void runForward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out,
            int batch, int particles);
}
