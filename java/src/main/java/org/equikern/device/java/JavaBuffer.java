package org.equikern.device.java;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.MemoryPool;
import org.equikern.device.PooledBuffer;

/** A buffer of the {@link JavaDevice}: a heap array of exactly {@link #length()} elements. */
public final class JavaBuffer extends PooledBuffer<Object> {
    JavaBuffer(JavaDevice device, MemoryPool.Block<Object> block, MemoryPool<Object> pool) {
        super(device, block.capacity(), block, pool);
    }

    /**
     * The backing array of a FLOAT64 buffer, shared, not copied.
     *
     * @return the array
     * @throws IllegalArgumentException when the buffer holds another dtype
     * @throws IllegalStateException when the buffer is closed
     */
    public double[] doubles() {
        return (double[]) array(DType.FLOAT64);
    }

    /**
     * The backing array of a FLOAT32 buffer, shared, not copied.
     *
     * @return the array
     * @throws IllegalArgumentException when the buffer holds another dtype
     * @throws IllegalStateException when the buffer is closed
     */
    public float[] floats() {
        return (float[]) array(DType.FLOAT32);
    }

    /**
     * The backing array of an INT32 buffer, shared, not copied.
     *
     * @return the array
     * @throws IllegalArgumentException when the buffer holds another dtype
     * @throws IllegalStateException when the buffer is closed
     */
    public int[] ints() {
        return (int[]) array(DType.INT32);
    }

    private Object array(DType expected) {
        if (dtype() != expected) {
            throw new IllegalArgumentException("buffer " + name() + " holds " + dtype() + ", not " + expected);
        }
        return memory();
    }

    @Override
    protected void writeHost(Object src) {
        System.arraycopy(src, 0, memory(), 0, (int) length());
    }

    @Override
    protected void readHost(Object dst) {
        System.arraycopy(memory(), 0, dst, 0, (int) length());
    }

    @Override
    protected void fillZero() {
        Object memory = memory();
        if (memory instanceof double[]) Arrays.fill((double[]) memory, 0.0);
        else if (memory instanceof float[]) Arrays.fill((float[]) memory, 0f);
        else Arrays.fill((int[]) memory, 0);
    }
}
