package org.equikern.backend.cuda;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.equikern.backend.KernelDevice;
import org.equikern.device.CallGate;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceKind;
import org.equikern.device.KernelBuildException;
import org.equikern.device.MemoryPool;
import org.equikern.nativeloader.CudaDeviceInfo;
import org.equikern.nativeloader.KernelResources;

/**
 * A CUDA GPU through the JCuda driver API, using the device's primary context and the default
 * stream. Kernels come from the fatbins packaged at build time
 * ({@code /kernels/cuda-bin/<module>.<f32|f64>.fatbin}); modules are loaded once and cached.
 *
 * <p>Threads: every call makes the context current on the calling thread first. The driver API
 * is thread-safe and the default stream orders all launches and copies, so a thread sees the
 * results of every launch it made before a copy. A failed launch surfaces at the next copy.
 */
public final class CudaDevice extends KernelDevice {
    /** Threads per block used by {@link CudaKernel#launch}. */
    static final int BLOCK_SIZE = 256;

    private record ModuleKey(String module, DType precision) {}

    private record FunctionKey(String module, DType precision, String kernel) {}

    private final CudaDeviceInfo info;
    private final CUdevice cuDevice = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final MemoryPool<CUdeviceptr> pool;
    private final Map<ModuleKey, CUmodule> modules = new ConcurrentHashMap<>();
    private final Map<FunctionKey, CudaKernel> kernels = new ConcurrentHashMap<>();
    private CudaDevice(String name, CudaDeviceInfo info) {
        super(name, DeviceKind.CUDA, info.globalMemoryBytes(), info.describe());
        this.info = info;
        JCudaDriver.cuDeviceGet(cuDevice, info.ordinal());
        JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice);
        this.pool = newPool((dtype, capacity) -> {
            makeCurrent();
            CUdeviceptr pointer = new CUdeviceptr();
            JCudaDriver.cuMemAlloc(pointer, capacity * dtype.bytes());
            return pointer;
        }, memory -> {
            makeCurrent();
            JCudaDriver.cuMemFree(memory);
        });
    }

    /**
     * Retains the primary context of a probed device. Only call when
     * {@link org.equikern.nativeloader.CudaProbe} reported it.
     *
     * @param name the name {@link org.equikern.device.Devices} lists it under, e.g. {@code cuda:0}
     */
    public static CudaDevice open(String name, CudaDeviceInfo info) {
        return new CudaDevice(name, info);
    }

    /** What the probe reported about this device. */
    public CudaDeviceInfo info() {
        return info;
    }

    /** Makes this device's context current on the calling thread. */
    public void makeCurrent() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    /** CUDA GPUs of every architecture we build for (sm_80 and newer) compute in double. */
    @Override
    public boolean supportsFloat64() {
        return true;
    }

    @Override
    public void launch(String module, DType precision, String kernel, long globalSize, Object... args) {
        try (CallGate.Pass pass = enter(kernel)) {
            kernel(module, precision, kernel).launch(globalSize, args);
        }
    }

    /** CUDA has a native double atomic add from sm_60; we build for sm_80 and newer. */
    @Override
    public boolean supportsFloat64Atomics() {
        return true;
    }

    /**
     * A buffer over existing device memory of this context, without copying. Closing it leaves
     * the memory alone: its owner frees it.
     *
     * @throws IllegalArgumentException when the allocation holding {@code devicePointer} is
     *     smaller than {@code length} elements from there
     */
    public DeviceBuffer wrap(long devicePointer, DType dtype, long length) {
        try (CallGate.Pass pass = enter("wrap")) {
            return register(wrapChecked(devicePointer, dtype, length));
        }
    }

    private DeviceBuffer wrapChecked(long devicePointer, DType dtype, long length) {
        makeCurrent();
        CUdeviceptr pointer = new CUdeviceptr().withByteOffset(devicePointer);
        AddressOut base = new AddressOut();
        long[] size = new long[1];
        JCudaDriver.cuMemGetAddressRange(base, size, pointer);
        long available = size[0] - (devicePointer - base.address());
        if (length < 0 || available < length * dtype.bytes()) {
            throw new IllegalArgumentException("device memory at 0x" + Long.toHexString(devicePointer) + " holds "
                    + available + " bytes, not enough for " + dtype + "[" + length + "]");
        }
        return new CudaBuffer(this, pointer, dtype, length);
    }

    /**
     * The kernel {@code kernelName} of the packaged module {@code <module>.<precision>.fatbin}
     * (cached).
     *
     * @throws KernelBuildException when the driver cannot load the module for this GPU
     */
    public CudaKernel kernel(String module, DType precision, String kernelName) {
        try (CallGate.Pass pass = enter(kernelName)) {
            return kernels.computeIfAbsent(new FunctionKey(module, precision, kernelName), key -> {
                CUfunction function = new CUfunction();
                makeCurrent();
                JCudaDriver.cuModuleGetFunction(function, module(module, precision), kernelName);
                return new CudaKernel(this, function, kernelName);
            });
        }
    }

    private CUmodule module(String name, DType precision) {
        return modules.computeIfAbsent(new ModuleKey(name, precision), key -> {
            byte[] fatbin = KernelResources.cudaBinary(name + "." + precision.label());
            CUmodule module = new CUmodule();
            makeCurrent();
            try {
                JCudaDriver.cuModuleLoadData(module, fatbin);
            } catch (CudaException e) {
                throw new KernelBuildException("CUDA module " + name + "." + precision.label() + " failed to load on "
                        + name() + " (" + info.describe() + "); it holds sm_80, sm_90 and compute_80 code", e);
            }
            return module;
        });
    }

    /** A device pointer filled in by the driver whose address can be read back. */
    private static final class AddressOut extends CUdeviceptr {
        long address() {
            return getNativePointer() + getByteOffset();
        }
    }

    @Override
    protected DeviceBuffer newBuffer(DType dtype, long length) {
        checkAllocation(dtype, length, "the device's total memory", globalMemoryBytes());
        return new CudaBuffer(this, length, pool.acquire(dtype, length), pool);
    }

    @Override
    protected MemoryPool<?> pool() {
        return pool;
    }

    @Override
    protected void releaseDevice() {
        makeCurrent();
        JCudaDriver.cuCtxSynchronize();
        modules.values().forEach(JCudaDriver::cuModuleUnload);
        JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice);
    }
}
