package org.equikern.device;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Buffers that are closed together: everything allocated, uploaded or adopted through a scope is
 * closed when the scope closes, latest first. Use with try-with-resources:
 * <pre>{@code
 * try (MemoryScope scope = device.openScope()) {
 *     DeviceBuffer x = scope.upload(values);
 *     DeviceBuffer y = scope.allocate(DType.FLOAT64, n);
 *     ...
 * } // x and y are closed here
 * }</pre>
 * Thread-safe. Closing a buffer early is fine: the scope lets go of it then (so a long-lived
 * scope does not keep closed buffers reachable) and does not close it again.
 */
public final class MemoryScope implements AutoCloseable {
    private final Device device;
    /** The open buffers of the scope in the order they were adopted. */
    private final Set<DeviceBuffer> buffers = new LinkedHashSet<>();
    private boolean closed;

    MemoryScope(Device device) {
        this.device = device;
    }

    /**
     * The device this scope allocates on.
     *
     * @return the device
     */
    public Device device() {
        return device;
    }

    /**
     * {@link Device#allocate}, closed with this scope.
     *
     * @param dtype the element type
     * @param length the number of elements, ≥ 0
     * @return the new buffer
     * @throws IllegalStateException when the scope or the device is closed
     */
    public DeviceBuffer allocate(DType dtype, long length) {
        checkOpen();
        return adopt(device.allocate(dtype, length));
    }

    /**
     * {@link Device#upload(double[])}, closed with this scope.
     *
     * @param values the values; unchanged
     * @return the new buffer
     * @throws IllegalStateException when the scope or the device is closed
     */
    public DeviceBuffer upload(double[] values) {
        checkOpen();
        return adopt(device.upload(values));
    }

    /**
     * {@link Device#upload(float[])}, closed with this scope.
     *
     * @param values the values; unchanged
     * @return the new buffer
     * @throws IllegalStateException when the scope or the device is closed
     */
    public DeviceBuffer upload(float[] values) {
        checkOpen();
        return adopt(device.upload(values));
    }

    /**
     * {@link Device#upload(int[])}, closed with this scope.
     *
     * @param values the values; unchanged
     * @return the new buffer
     * @throws IllegalStateException when the scope or the device is closed
     */
    public DeviceBuffer upload(int[] values) {
        checkOpen();
        return adopt(device.upload(values));
    }

    /**
     * Closes {@code buffer} with this scope, e.g. a wrapped one.
     *
     * @param buffer an open buffer of this scope's device
     * @param <B> the buffer's class
     * @return {@code buffer}
     * @throws IllegalStateException when the scope is closed (the buffer is closed first)
     * @throws IllegalArgumentException when it belongs to another device
     */
    public synchronized <B extends DeviceBuffer> B adopt(B buffer) {
        device.checkOwns(buffer);
        if (closed) {
            buffer.close();
            throw new IllegalStateException("memory scope on " + device.name() + " is closed");
        }
        buffers.add(buffer);
        buffer.adoptedBy(this);
        if (buffer.isClosed()) buffers.remove(buffer);
        return buffer;
    }

    /** Lets go of {@code buffer}, which closed. */
    synchronized void forget(DeviceBuffer buffer) {
        buffers.remove(buffer);
    }

    /** Number of open buffers the scope holds. */
    synchronized int size() {
        return buffers.size();
    }

    /** Closes every buffer of the scope, latest first; idempotent. */
    @Override
    public void close() {
        List<DeviceBuffer> toClose;
        synchronized (this) {
            if (closed) return;
            closed = true;
            toClose = new ArrayList<>(buffers);
            buffers.clear();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private synchronized void checkOpen() {
        if (closed) throw new IllegalStateException("memory scope on " + device.name() + " is closed");
    }
}
