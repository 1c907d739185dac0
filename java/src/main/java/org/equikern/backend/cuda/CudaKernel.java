package org.equikern.backend.cuda;

import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;
import org.equikern.device.DeviceBuffer;

/** One kernel of a loaded module, launched over a one-dimensional range on the default stream. */
public final class CudaKernel {
    private final CudaDevice device;
    private final CUfunction function;
    private final String name;

    CudaKernel(CudaDevice device, CUfunction function, String name) {
        this.device = device;
        this.function = function;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * Launches {@code globalSize} threads in blocks of {@value CudaDevice#BLOCK_SIZE} (the last
     * block padded; kernels guard their id). Does nothing when {@code globalSize} is 0.
     *
     * @param args in kernel order: {@link CudaBuffer}s of this device, {@link Integer},
     *     {@link Long}, {@link Float} or {@link Double}
     */
    public void launch(long globalSize, Object... args) {
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) params[i] = param(i, args[i]);
        if (globalSize == 0) return;
        long blocks = (globalSize + CudaDevice.BLOCK_SIZE - 1) / CudaDevice.BLOCK_SIZE;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("kernel " + name + ": " + globalSize + " threads is too many");
        }
        device.makeCurrent();
        JCudaDriver.cuLaunchKernel(function, (int) blocks, 1, 1, CudaDevice.BLOCK_SIZE, 1, 1, 0, null,
                Pointer.to(params), null);
    }

    private Pointer param(int index, Object arg) {
        if (arg instanceof DeviceBuffer) {
            DeviceBuffer buffer = (DeviceBuffer) arg;
            device.checkOwns(buffer);
            return Pointer.to(((CudaBuffer) buffer).pointer());
        }
        if (arg instanceof Integer) return Pointer.to(new int[] {(Integer) arg});
        if (arg instanceof Long) return Pointer.to(new long[] {(Long) arg});
        if (arg instanceof Float) return Pointer.to(new float[] {(Float) arg});
        if (arg instanceof Double) return Pointer.to(new double[] {(Double) arg});
        throw new IllegalArgumentException("kernel " + name + " argument " + index + ": unsupported type "
                + (arg == null ? "null" : arg.getClass().getName()));
    }
}
