package org.equikern.device;

import java.lang.reflect.Array;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-dimensional array of {@link DType} elements on a {@link Device}.
 *
 * <p>Closing is idempotent and returns the memory to the device's pool, except for buffers that
 * wrap memory owned by someone else, which are never freed by us. Any use after close is an
 * {@link IllegalStateException} naming the buffer; copies check the host array's type and length.
 * Closing the device closes its buffers, after the copies in flight on other threads finished.
 */
public abstract class DeviceBuffer implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();

    private final Device device;
    private final DType dtype;
    private final long length;
    private final String name;
    /** "buffer " + name, the call name of copies in messages. */
    private final String label;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The scope that closes this buffer, told when the buffer closes first so that it lets go of it. */
    private volatile MemoryScope scope;

    /**
     * A buffer of {@code length} elements of {@code dtype} on {@code device}; the subclass holds the memory.
     *
     * @param device the owning device
     * @param dtype the element type
     * @param length the number of elements, ≥ 0
     */
    protected DeviceBuffer(Device device, DType dtype, long length) {
        this.device = device;
        this.dtype = dtype;
        this.length = length;
        this.name = "#" + IDS.incrementAndGet() + " " + dtype + "[" + length + "] on " + device.name();
        this.label = "buffer " + name;
    }

    /**
     * The device this buffer lives on.
     *
     * @return the device
     */
    public final Device device() {
        return device;
    }

    /**
     * The element type.
     *
     * @return the dtype
     */
    public final DType dtype() {
        return dtype;
    }

    /**
     * Number of elements.
     *
     * @return the length, ≥ 0
     */
    public final long length() {
        return length;
    }

    /**
     * Size in bytes: length times the element size.
     *
     * @return the byte size
     */
    public final long byteSize() {
        return length * dtype.bytes();
    }

    /**
     * A unique name for messages, e.g. {@code #12 FLOAT32[300] on opencl:0}.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public final boolean isClosed() {
        return closed.get();
    }

    /** @throws IllegalStateException naming this buffer when it is closed */
    public final void checkOpen() {
        if (closed.get()) throw new IllegalStateException("buffer " + name + " is used after close");
    }

    /**
     * Copies all of {@code src} into this FLOAT64 buffer.
     *
     * @param src exactly {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not FLOAT64 or the lengths differ
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public final void copyFrom(double[] src) {
        write(Objects.requireNonNull(src, "src"));
    }

    /**
     * Copies all of {@code src} into this FLOAT32 buffer.
     *
     * @param src exactly {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not FLOAT32 or the lengths differ
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public final void copyFrom(float[] src) {
        write(Objects.requireNonNull(src, "src"));
    }

    /**
     * Copies all of {@code src} into this INT32 buffer.
     *
     * @param src exactly {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not INT32 or the lengths differ
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public final void copyFrom(int[] src) {
        write(Objects.requireNonNull(src, "src"));
    }

    /**
     * Copies this FLOAT64 buffer into all of {@code dst}.
     *
     * @param dst receives exactly {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not FLOAT64 or the lengths differ
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public final void copyTo(double[] dst) {
        read(Objects.requireNonNull(dst, "dst"));
    }

    /**
     * Copies this FLOAT32 buffer into all of {@code dst}.
     *
     * @param dst receives exactly {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not FLOAT32 or the lengths differ
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public final void copyTo(float[] dst) {
        read(Objects.requireNonNull(dst, "dst"));
    }

    /**
     * Copies this INT32 buffer into all of {@code dst}.
     *
     * @param dst receives exactly {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not INT32 or the lengths differ
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public final void copyTo(int[] dst) {
        read(Objects.requireNonNull(dst, "dst"));
    }

    /**
     * A new host array with the content of this FLOAT64 buffer.
     *
     * @return a new array of {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not FLOAT64
     * @throws IllegalStateException when the buffer is closed or too long for one Java array
     */
    public final double[] toDoubleArray() {
        double[] out = new double[hostLength()];
        read(out);
        return out;
    }

    /**
     * A new host array with the content of this FLOAT32 buffer.
     *
     * @return a new array of {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not FLOAT32
     * @throws IllegalStateException when the buffer is closed or too long for one Java array
     */
    public final float[] toFloatArray() {
        float[] out = new float[hostLength()];
        read(out);
        return out;
    }

    /**
     * A new host array with the content of this INT32 buffer.
     *
     * @return a new array of {@link #length()} values
     * @throws IllegalArgumentException when the buffer is not INT32
     * @throws IllegalStateException when the buffer is closed or too long for one Java array
     */
    public final int[] toIntArray() {
        int[] out = new int[hostLength()];
        read(out);
        return out;
    }

    /** Sets every element to zero. */
    public final void zero() {
        checkOpen();
        try (CallGate.Pass pass = device.enter(label)) {
            if (length > 0) fillZero();
        }
    }

    /**
     * Returns the memory to the pool once no op call that may use it runs (or leaves wrapped memory
     * alone); idempotent. While the device is closing it waits for the close, which has then closed
     * this buffer.
     */
    @Override
    public final void close() {
        try (CallGate.Pass pass = device.enterToRelease()) {
            if (!closed.compareAndSet(false, true)) return;
            device.unregister(this);
            device.releaseAfterOps(this::release);
        }
        MemoryScope owner = scope;
        if (owner != null) owner.forget(this);
    }

    /** Records the scope that closes this buffer. */
    final void adoptedBy(MemoryScope owner) {
        scope = owner;
    }

    final void write(Object src) {
        checkHostArray(src, "from");
        try (CallGate.Pass pass = device.enter(label)) {
            if (length > 0) {
                writeHost(src);
                device.transferCounter().uploaded(byteSize());
            }
        }
    }

    final void read(Object dst) {
        checkHostArray(dst, "to");
        try (CallGate.Pass pass = device.enter(label)) {
            if (length > 0) {
                readHost(dst);
                device.transferCounter().downloaded(byteSize());
            }
        }
    }

    private void checkHostArray(Object array, String direction) {
        checkOpen();
        DType hostType = DType.ofHostArray(array);
        if (hostType != dtype) {
            throw new IllegalArgumentException("buffer " + name + " holds " + dtype + ", cannot copy " + direction
                    + " a " + hostType.hostArrayType().getSimpleName());
        }
        int hostLength = Array.getLength(array);
        if (hostLength != length) {
            throw new IllegalArgumentException("buffer " + name + ": expected a host array of " + length
                    + " elements, got " + hostLength);
        }
    }

    private int hostLength() {
        checkOpen();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("buffer " + name + " is too long for one Java array");
        }
        return (int) length;
    }

    /**
     * Copies a host array of exactly {@link #length()} elements of this dtype to the device.
     *
     * @param src a host array of this dtype, checked by the caller
     */
    protected abstract void writeHost(Object src);

    /**
     * Copies the device content into a host array of exactly {@link #length()} elements.
     *
     * @param dst a host array of this dtype, checked by the caller
     */
    protected abstract void readHost(Object dst);

    /** Sets all {@link #byteSize()} bytes to zero. */
    protected abstract void fillZero();

    /** Returns pooled memory to the pool; does nothing for wrapped memory. Called once. */
    protected abstract void release();

    @Override
    public String toString() {
        return name;
    }
}
