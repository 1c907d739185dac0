package org.equikern.device.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.equikern.device.DType;
import org.equikern.device.MemoryPool;
import org.equikern.device.PooledBuffer;

/** A buffer of a {@link CudaDevice}: pooled memory, or a wrapped device pointer we do not free. */
public final class CudaBuffer extends PooledBuffer<CUdeviceptr> {
    private final CudaDevice device;

    CudaBuffer(CudaDevice device, long length, MemoryPool.Block<CUdeviceptr> block, MemoryPool<CUdeviceptr> pool) {
        super(device, length, block, pool);
        this.device = device;
    }

    CudaBuffer(CudaDevice device, CUdeviceptr pointer, DType dtype, long length) {
        super(device, pointer, dtype, length);
        this.device = device;
    }

    /**
     * The device pointer, for passing to kernels; valid until close.
     *
     * @return the pointer
     * @throws IllegalStateException when the buffer is closed
     */
    public CUdeviceptr pointer() {
        return memory();
    }

    /*
     * Copies go to the device's stream, so they are ordered with its launches, and then wait for
     * it: a pageable source is staged before the call returns, and the Java array must not be
     * read or reused before the copy has landed.
     */
    @Override
    protected void writeHost(Object src) {
        device.call("cuMemcpyHtoDAsync",
                () -> JCudaDriver.cuMemcpyHtoDAsync(memory(), hostPointer(src), byteSize(), device.stream()));
        device.synchronizeStream();
    }

    @Override
    protected void readHost(Object dst) {
        device.call("cuMemcpyDtoHAsync",
                () -> JCudaDriver.cuMemcpyDtoHAsync(hostPointer(dst), memory(), byteSize(), device.stream()));
        device.synchronizeStream();
    }

    @Override
    protected void fillZero() {
        device.call("cuMemsetD8Async",
                () -> JCudaDriver.cuMemsetD8Async(memory(), (byte) 0, byteSize(), device.stream()));
    }

    private static Pointer hostPointer(Object array) {
        if (array instanceof double[]) return Pointer.to((double[]) array);
        if (array instanceof float[]) return Pointer.to((float[]) array);
        return Pointer.to((int[]) array);
    }
}
