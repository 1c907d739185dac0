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
import org.equikern.backend.KernelGatherScatter;
import org.equikern.backend.KernelGateOp;
import org.equikern.backend.KernelLauncher;
import org.equikern.backend.KernelTensorProductOp;
import org.equikern.backend.KernelLinearOp;
import org.equikern.backend.KernelNormActivationOp;
import org.equikern.backend.KernelSymmetricContractionOp;
import org.equikern.backend.KernelSphericalHarmonicsOp;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceKind;
import org.equikern.device.GateOp;
import org.equikern.device.GatherScatter;
import org.equikern.device.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.device.KernelBuildException;
import org.equikern.device.LinearOp;
import org.equikern.device.NormActivationOp;
import org.equikern.device.SymmetricContractionOp;
import org.equikern.device.MemoryPool;
import org.equikern.device.SphericalHarmonicsOp;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nativeloader.CudaDeviceInfo;
import org.equikern.nativeloader.KernelResources;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.SymmetricContraction;

/**
 * A CUDA GPU through the JCuda driver API, using the device's primary context and the default
 * stream. Kernels come from the fatbins packaged at build time
 * ({@code /kernels/cuda-bin/<module>.<f32|f64>.fatbin}); modules are loaded once and cached.
 *
 * <p>Threads: every call makes the context current on the calling thread first. The driver API
 * is thread-safe and the default stream orders all launches and copies, so a thread sees the
 * results of every launch it made before a copy. A failed launch surfaces at the next copy.
 */
public final class CudaDevice extends Device implements KernelLauncher {
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
    private final GatherScatter gatherScatter = new KernelGatherScatter(this, this);

    private CudaDevice(String name, CudaDeviceInfo info) {
        super(name, DeviceKind.CUDA);
        this.info = info;
        JCudaDriver.cuDeviceGet(cuDevice, info.ordinal());
        JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice);
        this.pool = new MemoryPool<>(new MemoryPool.Allocator<>() {
            @Override
            public CUdeviceptr allocate(DType dtype, long capacity) {
                makeCurrent();
                CUdeviceptr pointer = new CUdeviceptr();
                JCudaDriver.cuMemAlloc(pointer, capacity * dtype.bytes());
                return pointer;
            }

            @Override
            public void free(CUdeviceptr memory) {
                makeCurrent();
                JCudaDriver.cuMemFree(memory);
            }
        }, MemoryPool::quarterOctave);
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
    public long globalMemoryBytes() {
        return info.globalMemoryBytes();
    }

    @Override
    public String describe() {
        return info.describe();
    }

    @Override
    public GatherScatter gatherScatter() {
        return gatherScatter;
    }

    @Override
    public TensorProductOp tensorProduct(Plan plan) {
        return new KernelTensorProductOp(this, this, plan);
    }

    @Override
    public void launch(String module, DType precision, String kernel, long globalSize, Object... args) {
        kernel(module, precision, kernel).launch(globalSize, args);
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
        checkOpen();
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
        return register(new CudaBuffer(this, pointer, dtype, length));
    }

    /**
     * The kernel {@code kernelName} of the packaged module {@code <module>.<precision>.fatbin}
     * (cached).
     *
     * @throws KernelBuildException when the driver cannot load the module for this GPU
     */
    public CudaKernel kernel(String module, DType precision, String kernelName) {
        checkOpen();
        return kernels.computeIfAbsent(new FunctionKey(module, precision, kernelName), key -> {
            CUfunction function = new CUfunction();
            makeCurrent();
            JCudaDriver.cuModuleGetFunction(function, module(module, precision), kernelName);
            return new CudaKernel(this, function, kernelName);
        });
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
    public SphericalHarmonicsOp sphericalHarmonics(SphericalHarmonics harmonics, DType dtype) {
        return new KernelSphericalHarmonicsOp(this, this, dtype, harmonics);
    }

    @Override
    public LinearOp linear(Linear linear, DType dtype) {
        return new KernelLinearOp(this, this, dtype, linear);
    }

    @Override
    public GateOp gate(Gate gate, DType dtype) {
        return new KernelGateOp(this, this, dtype, gate);
    }

    @Override
    public SymmetricContractionOp symmetricContraction(SymmetricContraction contraction, DType dtype) {
        return new KernelSymmetricContractionOp(this, this, dtype, contraction);
    }

    @Override
    public NormActivationOp normActivation(NormActivation activation, DType dtype) {
        return new KernelNormActivationOp(this, this, dtype, activation);
    }

    @Override
    protected DeviceBuffer newBuffer(DType dtype, long length) {
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
