package org.equikern.backend.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryPool;

/** A buffer of a {@link CudaDevice}: pooled memory, or a wrapped device pointer we do not free. */
public final class CudaBuffer extends DeviceBuffer {
    private final CudaDevice device;
    private final CUdeviceptr pointer;
    private final MemoryPool.Block<CUdeviceptr> block;
    private final MemoryPool<CUdeviceptr> pool;

    CudaBuffer(CudaDevice device, CUdeviceptr pointer, DType dtype, long length, MemoryPool.Block<CUdeviceptr> block,
            MemoryPool<CUdeviceptr> pool) {
        super(device, dtype, length);
        this.device = device;
        this.pointer = pointer;
        this.block = block;
        this.pool = pool;
    }

    /** The device pointer, for passing to kernels; valid until close. */
    public CUdeviceptr pointer() {
        checkOpen();
        return pointer;
    }

    /** True when this buffer wraps memory owned by someone else. */
    public boolean isWrapped() {
        return block == null;
    }

    @Override
    protected void writeHost(Object src) {
        device.makeCurrent();
        JCudaDriver.cuMemcpyHtoD(pointer, hostPointer(src), byteSize());
    }

    @Override
    protected void readHost(Object dst) {
        device.makeCurrent();
        JCudaDriver.cuMemcpyDtoH(hostPointer(dst), pointer, byteSize());
    }

    @Override
    protected void fillZero() {
        device.makeCurrent();
        JCudaDriver.cuMemsetD8(pointer, (byte) 0, byteSize());
    }

    @Override
    protected void release() {
        if (block != null) pool.release(block);
    }

    private static Pointer hostPointer(Object array) {
        if (array instanceof double[]) return Pointer.to((double[]) array);
        if (array instanceof float[]) return Pointer.to((float[]) array);
        return Pointer.to((int[]) array);
    }
}
