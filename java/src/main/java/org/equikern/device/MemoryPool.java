package org.equikern.device;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * Reuses device allocations of one device by (dtype, size class). A request for {@code length}
 * elements is served by a block whose capacity is the size class of {@code length}; released
 * blocks wait for the next request of the same class instead of being freed, up to
 * {@link #limitBytes()} in all: past it the least recently released blocks are freed. Thread-safe.
 *
 * @param <M> the backend's memory handle ({@code cl_mem}, a device pointer, a Java array)
 */
public final class MemoryPool<M> {
    /** Allocates and frees the backend's memory. */
    public interface Allocator<M> {
        /**
         * New memory for {@code capacity} elements of {@code dtype}.
         *
         * @param dtype the element type
         * @param capacity the number of elements
         * @return the new memory
         */
        M allocate(DType dtype, long capacity);

        /**
         * Returns the memory to the backend.
         *
         * @param memory memory from {@link #allocate}, no longer used
         */
        void free(M memory);
    }

    /** A pooled allocation: memory for {@code capacity} elements of {@code dtype}. */
    public record Block<M>(M memory, DType dtype, long capacity) {}

    private record Key(DType dtype, long capacity) {
        long bytes() {
            return capacity * dtype.bytes();
        }
    }

    /** A block waiting for reuse, stamped with the order of its release. */
    private record Pooled<M>(Block<M> block, long stamp) {}

    private final Allocator<M> allocator;
    private final LongUnaryOperator sizeClass;
    /** Per size class, the latest released block first. */
    private final Map<Key, Deque<Pooled<M>>> free = new HashMap<>();
    /** Every pooled block by release stamp: the first is the least recently released. */
    private final TreeMap<Long, Key> byAge = new TreeMap<>();
    private final AtomicLong allocations = new AtomicLong();
    private long stamps;
    private long pooledBytes;
    private long limitBytes;
    private boolean closed;

    /**
     * @param allocator creates and frees backend memory
     * @param sizeClass maps a requested length to the capacity actually allocated (≥ the length)
     * @param limitBytes most bytes kept for reuse ({@link #setLimitBytes})
     */
    public MemoryPool(Allocator<M> allocator, LongUnaryOperator sizeClass, long limitBytes) {
        this.allocator = allocator;
        this.sizeClass = sizeClass;
        setLimitBytes(limitBytes);
    }

    /**
     * Size classes for device memory: lengths up to 64 share one class; above, capacities step
     * by a quarter of the enclosing power of two, so at most a quarter is wasted.
     *
     * @param length a requested length, ≥ 0
     * @return the capacity allocated for it, ≥ length
     */
    public static long quarterOctave(long length) {
        if (length <= 64) return 64;
        long step = Long.highestOneBit(length - 1) >> 2;
        return (length + step - 1) / step * step;
    }

    /**
     * A block for at least {@code length} elements: a pooled one of the same class, or a new one.
     *
     * @param dtype the element type
     * @param length the number of elements needed
     * @return the block, of capacity ≥ length
     * @throws IllegalStateException when the pool is closed
     */
    public Block<M> acquire(DType dtype, long length) {
        Key key = new Key(dtype, sizeClass.applyAsLong(length));
        synchronized (this) {
            if (closed) throw new IllegalStateException("memory pool is closed");
            Deque<Pooled<M>> blocks = free.get(key);
            if (blocks != null && !blocks.isEmpty()) {
                Pooled<M> pooled = blocks.pop();
                byAge.remove(pooled.stamp());
                pooledBytes -= key.bytes();
                return pooled.block();
            }
        }
        allocations.incrementAndGet();
        return new Block<>(allocator.allocate(dtype, key.capacity), dtype, key.capacity);
    }

    /**
     * Keeps {@code block} for reuse, freeing the least recently released blocks beyond
     * {@link #limitBytes()}; frees it at once when the pool is closed or it alone exceeds the limit.
     *
     * @param block a block from {@link #acquire}, no longer used
     */
    public void release(Block<M> block) {
        Key key = new Key(block.dtype(), block.capacity());
        List<Block<M>> evicted;
        synchronized (this) {
            if (closed || key.bytes() > limitBytes) {
                evicted = List.of(block);
            } else {
                long stamp = stamps++;
                free.computeIfAbsent(key, k -> new ArrayDeque<>()).push(new Pooled<>(block, stamp));
                byAge.put(stamp, key);
                pooledBytes += key.bytes();
                evicted = evictBeyond(limitBytes);
            }
        }
        evicted.forEach(b -> allocator.free(b.memory()));
    }

    /** Frees every pooled block; blocks in use are unaffected. */
    public void trim() {
        List<Block<M>> evicted;
        synchronized (this) {
            evicted = evictBeyond(0);
        }
        evicted.forEach(b -> allocator.free(b.memory()));
    }

    /**
     * Most bytes of released blocks kept for reuse.
     *
     * @return the limit, ≥ 0
     */
    public synchronized long limitBytes() {
        return limitBytes;
    }

    /**
     * Sets {@link #limitBytes()} and frees the least recently released blocks beyond it.
     *
     * @param bytes the new limit, ≥ 0
     * @throws IllegalArgumentException for a negative limit
     */
    public void setLimitBytes(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("pool limit must be >= 0 bytes, got " + bytes);
        List<Block<M>> evicted;
        synchronized (this) {
            limitBytes = bytes;
            evicted = evictBeyond(bytes);
        }
        evicted.forEach(b -> allocator.free(b.memory()));
    }

    /**
     * Bytes of the blocks waiting for reuse.
     *
     * @return the bytes, at most {@link #limitBytes()}
     */
    public synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** Frees every pooled block and frees blocks released from now on instead of pooling them. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        trim();
    }

    /**
     * Number of blocks waiting for reuse.
     *
     * @return the block count
     */
    public synchronized int pooledBlocks() {
        return byAge.size();
    }

    /**
     * Number of times backend memory was allocated (a pool hit does not count).
     *
     * @return the count since the pool was made
     */
    public long allocations() {
        return allocations.get();
    }

    /**
     * Takes the least recently released blocks out of the pool until at most {@code bytes} remain
     * (none for 0, zero-length blocks included).
     */
    private List<Block<M>> evictBeyond(long bytes) {
        List<Block<M>> evicted = new ArrayList<>();
        while (!byAge.isEmpty() && (pooledBytes > bytes || bytes == 0)) {
            Key key = byAge.pollFirstEntry().getValue();
            Deque<Pooled<M>> blocks = free.get(key);
            // The least recently released block of a class is the last of its deque.
            evicted.add(blocks.removeLast().block());
            if (blocks.isEmpty()) free.remove(key);
            pooledBytes -= key.bytes();
        }
        return evicted;
    }
}
