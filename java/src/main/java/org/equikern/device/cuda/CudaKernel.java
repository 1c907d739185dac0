package org.equikern.device.cuda;

import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.WorkItems;

/** One kernel of a loaded module, launched over a one-dimensional range on its device's stream. */
final class CudaKernel {
    /** The most threads one launch may have: 2^31 - 1 blocks (the grid's x limit) of {@value CudaDevice#BLOCK_SIZE}. */
    static final long MAX_THREADS = WorkItems.limit((long) Integer.MAX_VALUE * CudaDevice.BLOCK_SIZE,
            CudaDevice.BLOCK_SIZE);

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
     * @throws IllegalArgumentException when {@code globalSize} is negative or above {@link #MAX_THREADS}
     * @throws IllegalStateException when the device is unusable after an earlier error
     * @param args in kernel order: {@link CudaBuffer}s of this device, {@link Integer},
     *     {@link Long}, {@link Float} or {@link Double}
     */
    public void launch(long globalSize, Object... args) {
        int blocks = blocks(name, globalSize, device.name());
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) params[i] = param(i, args[i]);
        if (globalSize == 0) return;
        device.call("cuLaunchKernel(" + name + ")", () -> JCudaDriver.cuLaunchKernel(function, blocks, 1, 1,
                CudaDevice.BLOCK_SIZE, 1, 1, 0, device.stream(), Pointer.to(params), null));
        device.launched(name);
    }

    /** Blocks of {@value CudaDevice#BLOCK_SIZE} threads covering {@code globalSize}, checked against {@link #MAX_THREADS}. */
    static int blocks(String kernel, long globalSize, String device) {
        return Math.toIntExact(WorkItems.padded(kernel, globalSize, CudaDevice.BLOCK_SIZE, MAX_THREADS, device)
                / CudaDevice.BLOCK_SIZE);
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
