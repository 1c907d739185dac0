package org.equikern.device;

/**
 * A buffer over backend memory of type {@code M} that came from the device's {@link MemoryPool}
 * and goes back to it on close, or that wraps memory owned by someone else and is left alone.
 *
 * @param <M> the backend's memory handle
 */
public abstract class PooledBuffer<M> extends DeviceBuffer {
    private final M memory;
    private final MemoryPool.Block<M> block;
    private final MemoryPool<M> pool;

    /**
     * A buffer over pooled memory, returned to {@code pool} on close.
     *
     * @param device the owning device
     * @param length the number of elements, at most the block's capacity
     * @param block the pooled memory
     * @param pool the pool the block goes back to
     */
    protected PooledBuffer(Device device, long length, MemoryPool.Block<M> block, MemoryPool<M> pool) {
        super(device, block.dtype(), length);
        this.memory = block.memory();
        this.block = block;
        this.pool = pool;
    }

    /**
     * A buffer over wrapped memory, never freed by us.
     *
     * @param device the owning device
     * @param memory the foreign memory
     * @param dtype its element type
     * @param length its number of elements
     */
    protected PooledBuffer(Device device, M memory, DType dtype, long length) {
        super(device, dtype, length);
        this.memory = memory;
        this.block = null;
        this.pool = null;
    }

    /**
     * The backend memory; valid until close.
     *
     * @return the memory
     * @throws IllegalStateException when the buffer is closed
     */
    protected final M memory() {
        checkOpen();
        return memory;
    }

    /**
     * True when this buffer wraps memory owned by someone else.
     *
     * @return whether the memory is foreign
     */
    public final boolean isWrapped() {
        return block == null;
    }

    @Override
    protected final void release() {
        if (block != null) pool.release(block);
    }
}
