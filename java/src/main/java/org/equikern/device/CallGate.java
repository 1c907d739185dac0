package org.equikern.device;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The open/closed state of a device or an op, shared by the calls that use it: a call
 * {@link #enter enters} the gate (failing at once when it is closed) and leaves it when done;
 * {@link #close} refuses new calls, waits for the calls in flight and only then runs the release
 * (of native memory, queues, contexts). A thread already inside the gate may enter again while a
 * close waits, so nested calls of one in-flight call complete.
 */
public final class CallGate {
    /** Leaves the gate; {@code try (CallGate.Pass pass = gate.enter(...))}. */
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Pass pass = () -> lock.readLock().unlock();
    private final Supplier<String> what;
    private volatile boolean closed;

    /** @param what names the device or op in messages, e.g. "device opencl:0" */
    public CallGate(Supplier<String> what) {
        this.what = what;
    }

    /**
     * Whether {@link #close} has begun.
     *
     * @return true once closing or closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Enters a call.
     *
     * @param call prefixed to the message ({@code "TensorProductOp.forward: "}), or null
     * @return the pass to close when the call is done (the same object for every call)
     * @throws IllegalStateException naming the call and what is closed once {@link #close} began
     */
    public Pass enter(String call) {
        if (closed && lock.getReadHoldCount() == 0) throw closedError(call);
        lockForCall();
        if (closed && lock.getReadHoldCount() == 1) {
            lock.readLock().unlock();
            throw closedError(call);
        }
        return pass;
    }

    /**
     * Enters without the closed check: for releasing memory, which must wait for a close in progress.
     *
     * @return the pass to close when the release is done
     */
    public Pass enterToRelease() {
        lockForCall();
        return pass;
    }

    /**
     * Takes the read lock, ahead of a close that is only waiting (so a thread that a call in
     * flight waits for, such as a worker of that call, cannot deadlock with the close), or after a
     * close that holds it.
     */
    private void lockForCall() {
        if (!lock.readLock().tryLock()) lock.readLock().lock();
    }

    /**
     * @param call the call, first in the message
     * @throws IllegalStateException naming {@code call} when the gate is closed
     */
    public void checkOpen(String call) {
        if (closed) throw closedError(call);
    }

    /**
     * Refuses new calls, waits for those in flight, then runs {@code release}; a second close
     * waits for the first to finish and does nothing else. Returns whether this call closed the gate.
     *
     * @param release frees what the gate guards; run once, with no call in flight
     * @return true for the call that closed the gate, false for later ones
     * @throws IllegalStateException when called from inside a call through this gate (it would wait for itself)
     */
    public boolean close(Runnable release) {
        if (lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("close() of " + what.get()
                    + " called from inside a call on it, which it would wait for");
        }
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        lock.writeLock().lock();
        try {
            if (first) release.run();
            return first;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private IllegalStateException closedError(String call) {
        String message = what.get() + " is closed";
        return new IllegalStateException(call == null ? message : call + ": " + message);
    }
}
