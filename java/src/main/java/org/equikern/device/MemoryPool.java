package org.equikern.device;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * Reuses device allocations of one device by (dtype, size class). A request for {@code length}
 * elements is served by a block whose capacity is the size class of {@code length}; released
 * blocks wait for the next request of the same class instead of being freed. Thread-safe.
 *
 * @param <M> the backend's memory handle ({@code cl_mem}, a device pointer, a Java array)
 */
public final class MemoryPool<M> {
    /** Allocates and frees the backend's memory. */
    public interface Allocator<M> {
        /** New memory for {@code capacity} elements of {@code dtype}. */
        M allocate(DType dtype, long capacity);

        /** Returns the memory to the backend. */
        void free(M memory);
    }

    /** A pooled allocation: memory for {@code capacity} elements of {@code dtype}. */
    public record Block<M>(M memory, DType dtype, long capacity) {}

    private record Key(DType dtype, long capacity) {}

    private final Allocator<M> allocator;
    private final LongUnaryOperator sizeClass;
    private final Map<Key, Deque<Block<M>>> free = new HashMap<>();
    private final AtomicLong allocations = new AtomicLong();
    private boolean closed;

    /**
     * @param allocator creates and frees backend memory
     * @param sizeClass maps a requested length to the capacity actually allocated (≥ the length)
     */
    public MemoryPool(Allocator<M> allocator, LongUnaryOperator sizeClass) {
        this.allocator = allocator;
        this.sizeClass = sizeClass;
    }

    /**
     * Size classes for device memory: lengths up to 64 share one class; above, capacities step
     * by a quarter of the enclosing power of two, so at most a quarter is wasted.
     */
    public static long quarterOctave(long length) {
        if (length <= 64) return 64;
        long step = Long.highestOneBit(length - 1) >> 2;
        return (length + step - 1) / step * step;
    }

    /** A block for at least {@code length} elements: a pooled one of the same class, or a new one. */
    public Block<M> acquire(DType dtype, long length) {
        Key key = new Key(dtype, sizeClass.applyAsLong(length));
        synchronized (this) {
            if (closed) throw new IllegalStateException("memory pool is closed");
            Deque<Block<M>> blocks = free.get(key);
            if (blocks != null && !blocks.isEmpty()) return blocks.pop();
        }
        allocations.incrementAndGet();
        return new Block<>(allocator.allocate(dtype, key.capacity), dtype, key.capacity);
    }

    /** Keeps {@code block} for reuse; frees it at once when the pool is closed. */
    public void release(Block<M> block) {
        synchronized (this) {
            if (!closed) {
                free.computeIfAbsent(new Key(block.dtype(), block.capacity()), k -> new ArrayDeque<>()).push(block);
                return;
            }
        }
        allocator.free(block.memory());
    }

    /** Frees every pooled block; blocks in use are unaffected. */
    public void trim() {
        for (Block<M> block : drain()) allocator.free(block.memory());
    }

    /** Frees every pooled block and frees blocks released from now on instead of pooling them. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        trim();
    }

    /** Number of blocks waiting for reuse. */
    public synchronized int pooledBlocks() {
        return free.values().stream().mapToInt(Deque::size).sum();
    }

    /** Number of times backend memory was allocated (a pool hit does not count). */
    public long allocations() {
        return allocations.get();
    }

    private synchronized Deque<Block<M>> drain() {
        Deque<Block<M>> all = new ArrayDeque<>();
        free.values().forEach(all::addAll);
        free.clear();
        return all;
    }
}
