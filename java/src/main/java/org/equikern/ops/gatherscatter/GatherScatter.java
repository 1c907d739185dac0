package org.equikern.ops.gatherscatter;

import org.equikern.data.RowSegments;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.OpLifecycle;
import org.equikern.ops.Backends;

/**
 * Row gather and scatter over row-major {@code [rows, width]} buffers, the message-passing
 * primitives of equivariant convolutions (edges read node features, results are summed back
 * into nodes). Values are FLOAT32 or FLOAT64 (the same for input and output); indices are INT32.
 *
 * <p>Every call validates devices, dtypes, lengths and aliasing before anything runs on the
 * device; backends implement the {@code run*} methods. The Java backend also checks each index;
 * device kernels skip out-of-range rows (they cannot report them).
 */
public abstract class GatherScatter extends OpLifecycle {
    private static final String ON = "GatherScatter.on";

    /**
     * For backends: gather and scatter on {@code device}.
     *
     * @param device the device
     * @throws IllegalStateException when the device is closed
     */
    protected GatherScatter(Device device) {
        super(device, () -> "GatherScatter on " + device.name());
        checkDeviceOpen(ON);
    }

    /**
     * Row gather and scatter on {@code device}. It keeps nothing on the device, so closing it is
     * optional; a closed one refuses calls.
     *
     * @param device the device
     * @return the op
     * @throws IllegalArgumentException when the device's backend has no implementation
     * @throws IllegalStateException when the device is closed
     */
    public static GatherScatter on(Device device) {
        return Backends.select(device, ON, JavaGatherScatter::new, kernel -> new KernelGatherScatter(kernel, kernel));
    }

    /**
     * {@code out[e, :] = x[index[e], :]} for every edge e.
     *
     * @param x values {@code [rows, width]}
     * @param index INT32 {@code [edges]}, each in {@code [0, rows)}
     * @param out {@code [edges, width]}, same dtype as x, overwritten
     * @param width the row length, ≥ 1
     * @throws IllegalArgumentException for a width below 1, a buffer of another device, a wrong dtype or
     *     length, {@code out} being {@code x}, or (on the Java device) an index out of range
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void gatherRows(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int width) {
        int edges = indexLength(index, "index");
        int rows = rowsOf(x, width, "x");
        checkOutput(x, out, (long) edges * width);
        run("GatherScatter.gatherRows", () -> runGather(x, index, out, rows, edges, width));
    }

    /**
     * {@code out[index[e], :] += x[e, :]} for every edge e, with atomic adds: the summation
     * order, and so the float rounding, may differ between runs. See {@link #segmentSumRows} for
     * a deterministic sum.
     *
     * @param x values {@code [edges, width]}
     * @param index INT32 {@code [edges]}, each in {@code [0, rows)}
     * @param out {@code [rows, width]}, same dtype as x, added to
     * @param width the row length, ≥ 1
     * @throws IllegalArgumentException for a width below 1, a buffer of another device, a wrong dtype or
     *     length, {@code out} being {@code x}, or (on the Java device) an index out of range
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void scatterAddRows(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out, int width) {
        int edges = indexLength(index, "index");
        if (rowsOf(x, width, "x") != edges) {
            throw new IllegalArgumentException("x " + x.name() + ": expected " + (long) edges * width
                    + " elements (one row per index), got " + x.length());
        }
        int rows = rowsOf(out, width, "out");
        checkOutput(x, out, (long) rows * width);
        run("GatherScatter.scatterAddRows", () -> runScatterAdd(x, index, out, rows, edges, width));
    }

    /**
     * {@code out[n, :] += Σ x[order[k], :]} over {@code k ∈ [offsets[n], offsets[n+1])}: a scatter
     * add with edges grouped by target row (see {@link RowSegments}), summed in a fixed order.
     *
     * @param x values {@code [edges, width]}
     * @param order INT32 edge numbers grouped by target row, each in {@code [0, edges)}
     * @param offsets INT32 {@code [rows + 1]} group boundaries into {@code order}, non-decreasing
     * @param out {@code [rows, width]}, same dtype as x, added to
     * @param width the row length, ≥ 1
     * @throws IllegalArgumentException for a width below 1, a buffer of another device, a wrong dtype or
     *     length, {@code out} being {@code x}, or (on the Java device) an index or offset out of range
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void segmentSumRows(DeviceBuffer x, DeviceBuffer order, DeviceBuffer offsets, DeviceBuffer out,
            int width) {
        indexLength(order, "order");
        int rows = indexLength(offsets, "offsets") - 1;
        if (rows < 0) {
            throw new IllegalArgumentException("offsets " + offsets.name() + " needs rows + 1 >= 1 elements");
        }
        int edges = rowsOf(x, width, "x");
        checkOutput(x, out, (long) rows * width);
        run("GatherScatter.segmentSumRows", () -> runSegmentSum(x, order, offsets, out, rows, edges, width));
    }

    /**
     * {@link #gatherRows} after validation.
     *
     * @param x {@code [rows, width]}
     * @param index INT32 {@code [edges]}
     * @param out {@code [edges, width]}
     * @param rows the rows of {@code x}
     * @param edges the length of {@code index}
     * @param width the row length
     */
    protected abstract void runGather(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out,
            int rows, int edges, int width);

    /**
     * {@link #scatterAddRows} after validation.
     *
     * @param x {@code [edges, width]}
     * @param index INT32 {@code [edges]}
     * @param out {@code [rows, width]}
     * @param rows the rows of {@code out}
     * @param edges the length of {@code index}
     * @param width the row length
     */
    protected abstract void runScatterAdd(DeviceBuffer x, DeviceBuffer index, DeviceBuffer out,
            int rows, int edges, int width);

    /**
     * {@link #segmentSumRows} after validation.
     *
     * @param x {@code [edges, width]}
     * @param order INT32 edge numbers grouped by target row
     * @param offsets INT32 {@code [rows + 1]}
     * @param out {@code [rows, width]}
     * @param rows the rows of {@code out}
     * @param edges the rows of {@code x}
     * @param width the row length
     */
    protected abstract void runSegmentSum(DeviceBuffer x, DeviceBuffer order, DeviceBuffer offsets, DeviceBuffer out,
            int rows, int edges, int width);

    private int indexLength(DeviceBuffer index, String role) {
        device().checkOwns(role, index);
        if (index.dtype() != DType.INT32) {
            throw new IllegalArgumentException(role + " " + index.name() + " must be INT32");
        }
        return elementCount(index.length(), role + " " + index.name());
    }

    private int rowsOf(DeviceBuffer values, int width, String role) {
        device().checkOwns(role, values);
        if (width < 1) throw new IllegalArgumentException("width must be >= 1, got " + width);
        if (values.length() % width != 0) {
            throw new IllegalArgumentException(role + " " + values.name() + " is not a whole number of rows of width "
                    + width);
        }
        elementCount(values.length(), role + " " + values.name());
        return (int) (values.length() / width);
    }

    private void checkOutput(DeviceBuffer x, DeviceBuffer out, long expectedLength) {
        device().checkOwns("out", out);
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("x " + x.name() + " must be FLOAT32 or FLOAT64");
        }
        if (out == x) {
            throw new IllegalArgumentException("out " + out.name() + " must not be the input x");
        }
        if (out.dtype() != x.dtype()) {
            throw new IllegalArgumentException("out " + out.name() + " must have the dtype of x, " + x.dtype());
        }
        if (out.length() != expectedLength) {
            throw new IllegalArgumentException("out " + out.name() + ": expected " + expectedLength
                    + " elements, got " + out.length());
        }
    }

    private static int elementCount(long n, String what) {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has more than 2^31-1 elements");
        }
        return (int) n;
    }
}
