package org.equikern.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A place where buffers live and kernels run: the Java heap, an OpenCL device or a CUDA GPU.
 * Open one with {@code Devices.open} or {@code Devices.defaultDevice}; the caller owns
 * it and closes it, which closes every buffer still open on it.
 *
 * <p>Allocation goes through a per-device {@link MemoryPool}; the content of a new buffer is
 * undefined (use {@link DeviceBuffer#zero()}); blocks returned to the pool are kept for reuse up to
 * {@link #poolLimitBytes()}. Every method is safe to call from several threads; each backend
 * documents how it orders concurrent kernel launches.
 *
 * <p>{@link #close()} refuses new calls on the device, its buffers and its ops at once (an
 * {@link IllegalStateException} naming the device), waits for the calls already in flight, and
 * only then frees buffers, pool and native resources.
 */
public abstract class Device implements AutoCloseable {
    private final String name;
    private final DeviceKind kind;
    private final Set<DeviceBuffer> live = ConcurrentHashMap.newKeySet();
    private final CallGate gate;
    /** Op calls running now: a buffer closed meanwhile keeps its memory out of the pool until none runs. */
    private final AtomicInteger opsInFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> releasesAfterOps = new ConcurrentLinkedQueue<>();
    private final TransferCounter transfers = new TransferCounter();

    /**
     * A device with this name and kind; the subclass sets up the backend.
     *
     * @param name the name, e.g. {@code opencl:0}
     * @param kind the backend
     */
    protected Device(String name, DeviceKind kind) {
        this.name = name;
        this.kind = kind;
        this.gate = new CallGate(() -> "device " + name);
    }

    /**
     * Name as accepted by {@code Devices.open}: {@code java}, {@code opencl:0}, {@code cuda:1}.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * The backend this device runs on.
     *
     * @return the kind
     */
    public final DeviceKind kind() {
        return kind;
    }

    /**
     * Whether {@link DType#FLOAT64} buffers and kernels are supported.
     *
     * @return true when FLOAT64 is supported
     */
    public abstract boolean supportsFloat64();

    /**
     * Global memory of the device in bytes.
     *
     * @return the size in bytes
     */
    public abstract long globalMemoryBytes();

    /**
     * One line: name, model and capabilities.
     *
     * @return the description
     */
    public abstract String describe();

    /**
     * A buffer of {@code length} elements with undefined content.
     *
     * @param dtype the element type
     * @param length the number of elements, ≥ 0
     * @return a new buffer, owned by the caller (close it, or let a scope or the device's close do it)
     * @throws IllegalArgumentException for a negative length, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public final DeviceBuffer allocate(DType dtype, long length) {
        Objects.requireNonNull(dtype, "dtype");
        try (CallGate.Pass pass = enter(null)) {
            if (length < 0) {
                throw new IllegalArgumentException("buffer length must be >= 0, got " + length);
            }
            if (dtype == DType.FLOAT64 && !supportsFloat64()) {
                throw new IllegalArgumentException("device " + name + " does not support FLOAT64 (" + describe()
                        + "); use FLOAT32 or another device");
            }
            return register(newBuffer(dtype, length));
        }
    }

    /**
     * A FLOAT64 buffer holding a copy of {@code values}.
     *
     * @param values the values; unchanged
     * @return a new buffer of {@code values.length} elements
     * @throws IllegalArgumentException when the device has no FLOAT64
     * @throws IllegalStateException when the device is closed
     */
    public final DeviceBuffer upload(double[] values) {
        Objects.requireNonNull(values, "values");
        return uploadArray(DType.FLOAT64, values, values.length);
    }

    /**
     * A FLOAT32 buffer holding a copy of {@code values}.
     *
     * @param values the values; unchanged
     * @return a new buffer of {@code values.length} elements
     * @throws IllegalStateException when the device is closed
     */
    public final DeviceBuffer upload(float[] values) {
        Objects.requireNonNull(values, "values");
        return uploadArray(DType.FLOAT32, values, values.length);
    }

    /**
     * An INT32 buffer holding a copy of {@code values}.
     *
     * @param values the values; unchanged
     * @return a new buffer of {@code values.length} elements
     * @throws IllegalStateException when the device is closed
     */
    public final DeviceBuffer upload(int[] values) {
        Objects.requireNonNull(values, "values");
        return uploadArray(DType.INT32, values, values.length);
    }

    private DeviceBuffer uploadArray(DType dtype, Object values, int length) {
        DeviceBuffer buffer = allocate(dtype, length);
        try {
            buffer.write(values);
            return buffer;
        } catch (RuntimeException | Error e) {
            buffer.close();
            throw e;
        }
    }

    /**
     * A scope whose buffers are closed together when it closes (try-with-resources).
     *
     * @return a new scope on this device
     * @throws IllegalStateException when the device is closed
     */
    public final MemoryScope openScope() {
        checkOpen();
        return new MemoryScope(this);
    }

    /**
     * The host↔device copies made on this device since it opened, e.g. to check that a computation keeps
     * its data on the device ({@code transfers().since(before)}).
     *
     * @return a snapshot of the counts
     */
    public final Transfers transfers() {
        return transfers.snapshot();
    }

    /** The counter every buffer copy of this device reports to. */
    final TransferCounter transferCounter() {
        return transfers;
    }

    /**
     * Number of buffers allocated or wrapped on this device and not yet closed.
     *
     * @return the count, ≥ 0
     */
    public final int liveBufferCount() {
        return live.size();
    }

    /** Frees the memory the pool keeps for reuse; buffers in use are unaffected. */
    public final void trimPool() {
        pool().trim();
    }

    /**
     * Most bytes of released blocks the pool keeps for reuse; beyond it the least recently
     * released blocks are freed. Default: an eighth of {@link #globalMemoryBytes()}.
     *
     * @return the limit in bytes, ≥ 0
     */
    public final long poolLimitBytes() {
        return pool().limitBytes();
    }

    /**
     * Sets {@link #poolLimitBytes()}, freeing pooled blocks at once down to the new limit
     * ({@code 0}: free every block on release).
     *
     * @param bytes the new limit, ≥ 0
     * @throws IllegalArgumentException for a negative limit
     */
    public final void setPoolLimitBytes(long bytes) {
        pool().setLimitBytes(bytes);
    }

    /**
     * Bytes of released blocks the pool keeps now.
     *
     * @return the bytes pooled, at most {@link #poolLimitBytes()}
     */
    public final long pooledBytes() {
        return pool().pooledBytes();
    }

    /**
     * The default {@link #poolLimitBytes()}: an eighth of {@code globalMemoryBytes}.
     *
     * @param globalMemoryBytes the device's memory in bytes
     * @return the limit in bytes
     */
    protected static long defaultPoolLimit(long globalMemoryBytes) {
        return globalMemoryBytes / 8;
    }

    /**
     * Checks that {@code buffer} is open and lives on this device.
     *
     * @param buffer the buffer to check
     * @throws IllegalArgumentException naming both devices when it belongs to another device
     * @throws IllegalStateException naming the buffer when it is closed
     */
    public final void checkOwns(DeviceBuffer buffer) {
        checkOwns("buffer", buffer);
    }

    /**
     * {@link #checkOwns(DeviceBuffer)} for a call's argument: the messages start with its
     * {@code role} ({@code "x1 #12 FLOAT32[24] on java belongs to another device named java"}).
     *
     * @param role the argument's name in the call, e.g. {@code "x1"}
     * @param buffer the buffer to check
     * @throws IllegalArgumentException naming both devices when it belongs to another device
     * @throws IllegalStateException naming the buffer when it is closed
     */
    public final void checkOwns(String role, DeviceBuffer buffer) {
        if (buffer.device() != this) {
            String other = buffer.device().name().equals(name) ? "another device named " : "device ";
            throw new IllegalArgumentException(role + " " + buffer.name() + " belongs to " + other
                    + buffer.device().name() + ", not to device " + name);
        }
        if (buffer.isClosed()) throw new IllegalStateException(role + " " + buffer.name() + " is used after close");
    }

    /**
     * True once {@link #close()} has begun.
     *
     * @return whether the device is closing or closed
     */
    public final boolean isClosed() {
        return gate.isClosed();
    }

    /**
     * Refuses new calls (on the device, its buffers and ops: {@link IllegalStateException}), waits
     * for the calls in flight, then closes every open buffer, frees pooled memory and releases the
     * device. Idempotent: a second close waits for the first to finish.
     *
     * @throws IllegalStateException when called from inside a call on this device
     */
    @Override
    public final void close() {
        gate.close(() -> {
            for (DeviceBuffer buffer : new ArrayList<>(live)) buffer.close();
            pool().close();
            releaseDevice();
        });
    }

    /**
     * Enters a call on this device: {@link #close()} waits until the returned pass is closed.
     * Backends wrap every native call in {@code try (CallGate.Pass pass = enter(call))}.
     *
     * @param call names the call in the message, or null
     * @return the pass to close when the call is done
     * @throws IllegalStateException naming the call and the device once the device is closing
     */
    protected final CallGate.Pass enter(String call) {
        return gate.enter(call);
    }

    /**
     * Runs {@code body} as a call in flight on an op (through its gate) and on this device, which
     * the op's and the device's {@code close()} wait for.
     *
     * @throws IllegalStateException naming {@code call} when the op or this device is closed
     */
    final void runOp(CallGate op, String call, Runnable body) {
        try (CallGate.Pass onOp = op.enter(call); CallGate.Pass onDevice = gate.enter(call)) {
            opsInFlight.incrementAndGet();
            try {
                body.run();
            } finally {
                if (opsInFlight.decrementAndGet() == 0) runReleasesAfterOps();
            }
        }
    }

    /**
     * Returns a closed buffer's memory to the pool now, or, while op calls run, once none does: a
     * call that found the buffer open before its close may still be using the memory, which must not
     * go to another buffer meanwhile. A call that starts after the close fails on the closed buffer
     * (the buffer is marked closed before this is called, and calls count themselves before they
     * touch memory).
     */
    final void releaseAfterOps(Runnable release) {
        if (opsInFlight.get() == 0) {
            release.run();
            return;
        }
        releasesAfterOps.add(release);
        if (opsInFlight.get() == 0) runReleasesAfterOps();
    }

    private void runReleasesAfterOps() {
        for (Runnable release = releasesAfterOps.poll(); release != null; release = releasesAfterOps.poll()) {
            release.run();
        }
    }

    /** @throws IllegalStateException naming {@code call} when the op (its gate) or this device is closed */
    final void checkOpen(CallGate op, String call) {
        op.checkOpen(call);
        gate.checkOpen(call);
    }

    /** Enters to return memory to the pool: waits for a close in progress instead of failing. */
    final CallGate.Pass enterToRelease() {
        return gate.enterToRelease();
    }

    /**
     * A new buffer for {@code length} elements, backed by pool memory.
     *
     * @param dtype the element type, supported by the device
     * @param length the number of elements, ≥ 0
     * @return the buffer, not yet registered as live
     */
    protected abstract DeviceBuffer newBuffer(DType dtype, long length);

    /**
     * The pool this device allocates through.
     *
     * @return the pool
     */
    protected abstract MemoryPool<?> pool();

    /** Releases the backend's context, queues and programs; buffers and pool are already closed. */
    protected abstract void releaseDevice();

    /**
     * Counts {@code buffer} as live until it closes; backends call this for wrapped memory.
     *
     * @param <B> the buffer's class
     * @param buffer the new buffer of this device
     * @return {@code buffer}
     * @throws IllegalStateException when the device is closed
     */
    protected final <B extends DeviceBuffer> B register(B buffer) {
        checkOpen();
        live.add(buffer);
        return buffer;
    }

    final void unregister(DeviceBuffer buffer) {
        live.remove(buffer);
    }

    /** @throws IllegalStateException when the device is closed */
    protected final void checkOpen() {
        gate.checkOpen(null);
    }

    /** @throws IllegalStateException naming {@code call} when the device is closed */
    final void checkOpen(String call) {
        gate.checkOpen(call);
    }

    /**
     * Names of the open buffers, for diagnostics.
     *
     * @return a new list, in no particular order
     */
    public final List<String> liveBufferNames() {
        List<String> names = new ArrayList<>();
        for (DeviceBuffer buffer : live) names.add(buffer.name());
        return names;
    }

    @Override
    public String toString() {
        return name;
    }
}
