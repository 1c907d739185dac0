package org.equikern.device.opencl;

import static org.jocl.CL.CL_TRUE;

import org.equikern.device.DType;
import org.equikern.device.MemoryPool;
import org.equikern.device.PooledBuffer;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/** A buffer of an {@link OpenClDevice}: pooled memory, or a wrapped {@code cl_mem} we do not free. */
public final class OpenClBuffer extends PooledBuffer<cl_mem> {
    private final OpenClDevice device;

    OpenClBuffer(OpenClDevice device, long length, MemoryPool.Block<cl_mem> block, MemoryPool<cl_mem> pool) {
        super(device, length, block, pool);
        this.device = device;
    }

    OpenClBuffer(OpenClDevice device, cl_mem memory, DType dtype, long length) {
        super(device, memory, dtype, length);
        this.device = device;
    }

    /**
     * The OpenCL memory object, for passing to kernels; valid until close.
     *
     * @return the memory object
     * @throws IllegalStateException when the buffer is closed
     */
    public cl_mem clMem() {
        return memory();
    }

    @Override
    protected void writeHost(Object src) {
        CL.clEnqueueWriteBuffer(device.queue(), memory(), CL_TRUE, 0, byteSize(), hostPointer(src), 0, null, null);
    }

    @Override
    protected void readHost(Object dst) {
        CL.clEnqueueReadBuffer(device.queue(), memory(), CL_TRUE, 0, byteSize(), hostPointer(dst), 0, null, null);
    }

    @Override
    protected void fillZero() {
        byte[] pattern = {0};
        CL.clEnqueueFillBuffer(device.queue(), memory(), Pointer.to(pattern), 1, 0, byteSize(), 0, null, null);
    }

    private static Pointer hostPointer(Object array) {
        if (array instanceof double[]) return Pointer.to((double[]) array);
        if (array instanceof float[]) return Pointer.to((float[]) array);
        return Pointer.to((int[]) array);
    }
}
