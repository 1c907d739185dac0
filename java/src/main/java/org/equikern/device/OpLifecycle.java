package org.equikern.device;

import java.util.function.Supplier;

/**
 * The lifecycle every operation bound to a {@link Device} shares: calls run as calls in flight on
 * the op and on its device, {@link #close()} refuses new calls, waits for those in flight, then
 * frees what the backend keeps for the op. Operations live in their own packages above this one
 * and reach the device's call gate only through here.
 *
 * <p>Thread-safe: calls from several threads may run at once.
 */
public abstract class OpLifecycle implements AutoCloseable {
    private final Device device;
    private final CallGate gate;

    /**
     * Subclasses call {@link #checkDeviceOpen(String)} before building anything on the device.
     *
     * @param device the device the op runs on
     * @param name what this op is called in "is closed" messages
     */
    protected OpLifecycle(Device device, Supplier<String> name) {
        this.device = device;
        this.gate = new CallGate(name);
    }

    /**
     * Fails when the device is closed.
     *
     * @param call the op being created, named in the message
     * @throws IllegalStateException when the device is closed
     */
    protected final void checkDeviceOpen(String call) {
        device.checkOpen(call);
    }

    /**
     * The device every buffer passed to this op must live on.
     *
     * @return the device
     */
    public final Device device() {
        return device;
    }

    /**
     * True once {@link #close()} has begun.
     *
     * @return whether the op is closing or closed
     */
    public final boolean isClosed() {
        return gate.isClosed();
    }

    /**
     * Waits for the calls in flight, then frees what the op keeps on the device; idempotent.
     * Buffers passed to the op are unaffected.
     *
     * @throws IllegalStateException when called from inside a call on this op
     */
    @Override
    public final void close() {
        gate.close(this::release);
    }

    /** Frees what the backend keeps for this op; called once, by {@link #close()}. */
    protected void release() {
    }

    /**
     * Fails when this op or its device is closed.
     *
     * @param call the call, named in the message
     * @throws IllegalStateException when this op or its device is closed
     */
    protected final void checkOpen(String call) {
        device.checkOpen(gate, call);
    }

    /**
     * Runs {@code body} (the backend's work of {@code call}, after validation) as a call in flight
     * on this op and its device, which their {@code close()} waits for.
     *
     * @param call the call, named in messages
     * @param body the work
     * @throws IllegalStateException naming {@code call} when the op or its device is closed
     */
    protected final void run(String call, Runnable body) {
        device.runOp(gate, call, body);
    }
}
