package org.equikern.ops.layout;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;

/**
 * How an operation whose kernels read and write {@link IrrepsLayout#MUL_IR} serves a caller in
 * another layout: inside the call, each of the caller's irreps inputs is converted on the device
 * into {@code mul_ir} scratch, the operation writes its irreps outputs into scratch, and the
 * scratch is converted back into the caller's buffers. Costs one extra read and write per value
 * moved; weights, scalars-only buffers and index buffers pass through untouched.
 *
 * <p>Keeps one {@link LayoutOp} per (irreps, dtype) it has met, made on first use; thread-safe.
 * Close it with the operation that owns it.
 */
public final class LayoutAdapter implements AutoCloseable {
    private final Device device;
    private final IrrepsLayout callerLayout;
    private final Map<Key, LayoutOp> ops = new HashMap<>();

    /** The (irreps, precision) a conversion op serves. */
    private static final class Key {
        final Irreps irreps;
        final DType dtype;

        Key(Irreps irreps, DType dtype) {
            this.irreps = irreps;
            this.dtype = dtype;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).irreps.equals(irreps) && ((Key) o).dtype == dtype;
        }

        @Override
        public int hashCode() {
            return Objects.hash(irreps, dtype);
        }
    }

    /**
     * An adapter for callers in {@code callerLayout} on {@code device}.
     *
     * @param device the device of every buffer
     * @param callerLayout the layout of the caller's irreps buffers, not null
     * @throws IllegalArgumentException when {@code callerLayout} is null
     */
    public LayoutAdapter(Device device, IrrepsLayout callerLayout) {
        if (callerLayout == null) throw new IllegalArgumentException("LayoutAdapter: callerLayout must not be null");
        this.device = device;
        this.callerLayout = callerLayout;
    }

    /**
     * The caller's layout.
     *
     * @return the layout of the caller's irreps buffers
     */
    public IrrepsLayout callerLayout() {
        return callerLayout;
    }

    /**
     * The caller's input {@code buffer} ({@code rows} vectors of {@code irreps}) in {@code mul_ir}:
     * the buffer itself when the caller already uses {@code mul_ir}, else a converted copy owned
     * by {@code scope}.
     *
     * @param scope owns the copy
     * @param buffer the caller's input, or null
     * @param irreps the irreps of each row
     * @param rows the number of rows
     * @return the input in {@code mul_ir}, or null for a null buffer
     */
    public DeviceBuffer input(MemoryScope scope, DeviceBuffer buffer, Irreps irreps, int rows) {
        if (buffer == null || !needsConversion(irreps)) return buffer;
        DeviceBuffer scratch = scope.allocate(buffer.dtype(), buffer.length());
        op(irreps, buffer.dtype()).convert(buffer, callerLayout, scratch, IrrepsLayout.MUL_IR, rows);
        return scratch;
    }

    /**
     * Where the operation writes its {@code mul_ir} result meant for the caller's {@code buffer}:
     * the buffer itself when no conversion is needed, else scratch owned by {@code scope}; hand
     * it to {@link #output} afterwards.
     *
     * @param scope owns the scratch
     * @param buffer the caller's output, or null
     * @param irreps the irreps of each row
     * @return where to write, or null for a null buffer
     */
    public DeviceBuffer outputScratch(MemoryScope scope, DeviceBuffer buffer, Irreps irreps) {
        if (buffer == null || !needsConversion(irreps)) return buffer;
        return scope.allocate(buffer.dtype(), buffer.length());
    }

    /**
     * Converts a result written to {@code scratch} (from {@link #outputScratch}) into the caller's
     * {@code buffer}; nothing to do when they are the same buffer.
     *
     * @param scratch the {@code mul_ir} result, or null
     * @param buffer the caller's output, or null
     * @param irreps the irreps of each row
     * @param rows the number of rows
     */
    public void output(DeviceBuffer scratch, DeviceBuffer buffer, Irreps irreps, int rows) {
        if (scratch == buffer) return;
        op(irreps, buffer.dtype()).convert(scratch, IrrepsLayout.MUL_IR, buffer, callerLayout, rows);
    }

    /** False when both layouts store these irreps alike (scalars, single copies) or the caller uses mul_ir. */
    private boolean needsConversion(Irreps irreps) {
        if (callerLayout == IrrepsLayout.MUL_IR) return false;
        for (int block = 0; block < irreps.size(); block++) {
            if (irreps.get(block).mul() > 1 && irreps.get(block).irrep().l() > 0) return true;
        }
        return false;
    }

    private synchronized LayoutOp op(Irreps irreps, DType dtype) {
        return ops.computeIfAbsent(new Key(irreps, dtype), k -> LayoutOp.on(device, irreps, dtype));
    }

    /** Closes the conversion ops made so far; idempotent. */
    @Override
    public synchronized void close() {
        for (LayoutOp op : ops.values()) op.close();
        ops.clear();
    }
}
