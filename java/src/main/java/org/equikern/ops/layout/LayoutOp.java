package org.equikern.ops.layout;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.Backends;

/**
 * Converts batches of feature vectors of one {@link Irreps} between the {@link IrrepsLayout}s on
 * a device: {@code rows} vectors of {@code irreps.dim} values each, one after the other. A
 * conversion only moves values, so it is exact in both precisions.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables. Every call validates
 * devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class LayoutOp extends DeviceOp {
    private static final String CONVERT = "LayoutOp.convert";

    private final Irreps irreps;

    /**
     * For backends: the conversion of vectors of {@code irreps} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every buffer
     * @param irreps the irreps of every vector, not null
     * @throws IllegalArgumentException when {@code irreps} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected LayoutOp(Device device, DType dtype, Irreps irreps) {
        super(device, dtype);
        if (irreps == null) throw new IllegalArgumentException("LayoutOp: irreps must not be null");
        this.irreps = irreps;
    }

    /**
     * The conversion of vectors of {@code irreps} on {@code device} in {@code dtype}, with its
     * tables on the device; close it to free them.
     *
     * @param device the device
     * @param irreps the irreps of every vector
     * @param dtype FLOAT32 or FLOAT64, the dtype of every buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code irreps} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static LayoutOp on(Device device, Irreps irreps, DType dtype) {
        return Backends.select(device, "LayoutOp.on", java -> new JavaLayoutOp(java, dtype, irreps),
                kernel -> new KernelLayoutOp(kernel, kernel, dtype, irreps));
    }

    /**
     * The irreps of every vector this op converts.
     *
     * @return the irreps
     */
    public final Irreps irreps() {
        return irreps;
    }

    /**
     * Writes {@code rows} vectors of {@code src}, laid out as {@code from}, to {@code dst} laid out
     * as {@code to} (a plain copy when the layouts are equal).
     *
     * @param src {@code [rows, irreps.dim]} in {@code from}
     * @param from the layout of {@code src}, not null
     * @param dst {@code [rows, irreps.dim]}, overwritten; not {@code src}
     * @param to the layout wanted, not null
     * @param rows the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a null layout, a negative count, a buffer of another device,
     *     dtype or length, or {@code dst} the same buffer as {@code src}
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void convert(DeviceBuffer src, IrrepsLayout from, DeviceBuffer dst, IrrepsLayout to, int rows) {
        checkOpen(CONVERT);
        if (from == null || to == null) {
            throw new IllegalArgumentException(CONVERT + ": layouts must not be null, got from " + from + ", to " + to);
        }
        checkCount(CONVERT, "rows", rows);
        long length = Math.multiplyExact((long) rows, irreps.dim());
        String how = "rows " + rows + " * irreps.dim " + irreps.dim();
        checkBuffer(CONVERT, "src", src, length, how);
        checkBuffer(CONVERT, "dst", dst, length, how);
        checkDistinct(CONVERT, "dst", dst, "src", src);
        if (length > 0) run(CONVERT, () -> runConvert(src, from, dst, to, rows));
    }

    /**
     * {@link #convert} after validation, for at least one value.
     *
     * @param src {@code [rows, irreps.dim]} in {@code from}
     * @param from the layout of {@code src}
     * @param dst {@code [rows, irreps.dim]}, to write in {@code to}
     * @param to the layout wanted
     * @param rows the number of vectors, ≥ 1
     */
    protected abstract void runConvert(DeviceBuffer src, IrrepsLayout from, DeviceBuffer dst, IrrepsLayout to,
            int rows);
}
