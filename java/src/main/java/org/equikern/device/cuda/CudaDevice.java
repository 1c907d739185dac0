package org.equikern.device.cuda;

import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;
import org.equikern.device.CallGate;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceKind;
import org.equikern.device.KernelBuildException;
import org.equikern.device.MemoryPool;
import org.equikern.device.kernel.GeneratedProgram;
import org.equikern.device.kernel.GeneratedProgramCache;
import org.equikern.device.kernel.KernelDevice;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.nativeloader.CudaArchitectures;
import org.equikern.nativeloader.CudaDeviceInfo;
import org.equikern.nativeloader.KernelResources;

/**
 * A CUDA GPU through the JCuda driver API, using the device's primary context and one stream:
 * the legacy default stream, or a stream the caller passes (a framework's, so that work on
 * shared memory is ordered with the framework's). Kernels come from the fatbins packaged at
 * build time ({@code /kernels/cuda-bin/<module>.<f32|f64>.fatbin}); modules are loaded once and
 * cached. Programs generated at run time are compiled to PTX by NVRTC where it loads
 * ({@link #generatedProgramsUnavailable()} says why not) and kept in a bounded cache.
 *
 * <p>Threads: every driver call makes the context current on the calling thread first
 * ({@code cuCtxSetCurrent}). Launches and copies go to the one stream in order; a copy to or
 * from a Java array first waits for that stream, so a thread sees the results of every launch
 * made before it.
 *
 * <p>Errors: every driver call's result is checked. An error that corrupts the context (an
 * illegal address in a kernel, a launch failure or timeout) surfaces at a later call; the device
 * then records it with the kernel launched last and refuses all further work with
 * {@code IllegalStateException("device cuda:0 is unusable after CUDA_ERROR_ILLEGAL_ADDRESS in
 * tp_forward_uvu (reported by cuMemcpyDtoH)")}.
 */
public final class CudaDevice extends KernelDevice {
    /** Threads per block used by {@link CudaKernel#launch}. */
    static final int BLOCK_SIZE = 256;

    private record ModuleKey(String module, DType precision) {}

    private record FunctionKey(String module, DType precision, String kernel) {}

    private final CudaDeviceInfo info;
    private final CUdevice cuDevice = new CUdevice();
    private final CUcontext context = new CUcontext();
    private final CUstream stream;
    private final DriverErrors errors;
    private final MemoryPool<CUdeviceptr> pool;
    private final Map<ModuleKey, CUmodule> modules = new ConcurrentHashMap<>();
    private final Map<FunctionKey, CudaKernel> kernels = new ConcurrentHashMap<>();
    private final GeneratedProgramCache<GeneratedModule> generated = new GeneratedProgramCache<>(this::unload);

    /** A generated program's module on this device, with the kernels looked up so far. */
    private record GeneratedModule(CUmodule module, Map<String, CudaKernel> kernels) {}

    private CudaDevice(String name, CudaDeviceInfo info, CUstream stream) {
        super(name, DeviceKind.CUDA, info.globalMemoryBytes(), info.describe());
        this.info = info;
        this.stream = stream;
        this.errors = new DriverErrors(name);
        invoke("cuDeviceGet", () -> JCudaDriver.cuDeviceGet(cuDevice, info.ordinal()));
        invoke("cuDevicePrimaryCtxRetain", () -> JCudaDriver.cuDevicePrimaryCtxRetain(context, cuDevice));
        this.pool = newPool((dtype, capacity) -> {
            CUdeviceptr pointer = new CUdeviceptr();
            call("cuMemAlloc", () -> JCudaDriver.cuMemAlloc(pointer, capacity * dtype.bytes()));
            return pointer;
        }, memory -> {
            // after a sticky error the memory goes with the context, and cuMemFree would fail
            if (!errors.unusable()) call("cuMemFree", () -> JCudaDriver.cuMemFree(memory));
        });
    }

    /**
     * Retains the primary context of a probed device and works on the legacy default stream.
     * Only call when {@link org.equikern.nativeloader.CudaProbe} reported it.
     *
     * @param name the name {@code Devices} lists it under, e.g. {@code cuda:0}
     * @param info the probe's record of the device
     * @return the device, owned by the caller
     */
    public static CudaDevice open(String name, CudaDeviceInfo info) {
        return new CudaDevice(name, info, null);
    }

    /**
     * Like {@link #open(String, CudaDeviceInfo)}, but every launch and copy goes to the caller's
     * stream {@code cuStream} (a {@code CUstream} handle of this device's primary context, e.g.
     * PyTorch's {@code torch.cuda.current_stream().cuda_stream}), so it is ordered with the
     * caller's work on that stream. Closing the device leaves the stream alone.
     *
     * @param name the name {@code Devices} lists it under, e.g. {@code cuda:0}
     * @param info the probe's record of the device
     * @param cuStream the caller's {@code CUstream} handle, as a number
     * @return the device, owned by the caller
     */
    public static CudaDevice open(String name, CudaDeviceInfo info, long cuStream) {
        return new CudaDevice(name, info, foreignStream(cuStream));
    }

    /** A JCuda handle for a stream created elsewhere (JCuda makes such handles package-private). */
    private static CUstream foreignStream(long handle) {
        try {
            Constructor<CUstream> constructor = CUstream.class.getDeclaredConstructor(long.class);
            constructor.setAccessible(true);
            return constructor.newInstance(handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot wrap CUstream 0x" + Long.toHexString(handle)
                    + " with this JCuda version", e);
        }
    }

    /**
     * What the probe reported about this device.
     *
     * @return the probe's record
     */
    public CudaDeviceInfo info() {
        return info;
    }

    /** Makes this device's context current on the calling thread. */
    public void makeCurrent() {
        errors.checkUsable();
        invoke("cuCtxSetCurrent", () -> JCudaDriver.cuCtxSetCurrent(context));
    }

    /**
     * Runs one driver call with this device's context current on the calling thread, checking
     * that the device is usable and both results.
     */
    void call(String name, IntSupplier driverCall) {
        makeCurrent();
        invoke(name, driverCall);
    }

    /** The stream every launch and copy of this device goes to; null for the legacy default stream. */
    CUstream stream() {
        return stream;
    }

    /** Notes a launch for error reports (see {@link DriverErrors#launched}). */
    void launched(String kernel) {
        errors.launched(kernel);
    }

    /** Blocks until every launch and copy on this device's stream has finished (timing runs wait on it). */
    public void finish() {
        synchronizeStream();
    }

    /** Waits for this device's stream (before a copy to or from a Java array). */
    void synchronizeStream() {
        call("cuStreamSynchronize", () -> JCudaDriver.cuStreamSynchronize(stream));
    }

    private void invoke(String name, IntSupplier driverCall) {
        int result;
        try {
            result = driverCall.getAsInt();
        } catch (CudaException e) {
            throw errors.failed(e.getMessage(), name);
        }
        errors.check(result, name);
    }

    /** CUDA GPUs of every architecture we build for (sm_75 and newer) compute in double. */
    @Override
    public boolean supportsFloat64() {
        return true;
    }

    @Override
    protected void launchChecked(String module, DType precision, String kernel, long globalSize,
            Object... args) {
        try (CallGate.Pass pass = enter(kernel)) {
            kernel(module, precision, kernel).launch(globalSize, args);
        }
    }

    /** A CUDA device is a GPU: never the host's CPU. */
    @Override
    public boolean hostCpu() {
        return false;
    }

    @Override
    public KernelDialect dialect() {
        return KernelDialect.CUDA_C;
    }

    /** Null where NVRTC loads through JCuda, else why it does not. */
    @Override
    public String generatedProgramsUnavailable() {
        return Nvrtc.unavailableReason();
    }

    @Override
    protected void launchGeneratedChecked(GeneratedProgram program, String kernel, long globalSize, Object... args) {
        try (CallGate.Pass pass = enter(kernel)) {
            generated.use(program, this::loadGenerated, loaded -> loaded.kernels().computeIfAbsent(kernel, name -> {
                CUfunction function = new CUfunction();
                call("cuModuleGetFunction(" + name + ")",
                        () -> JCudaDriver.cuModuleGetFunction(function, loaded.module(), name));
                return new CudaKernel(this, function, name);
            }).launch(globalSize, args));
        }
    }

    private GeneratedModule loadGenerated(GeneratedProgram program) {
        String ptx = Nvrtc.ptx(program, info.computeMajor(), info.computeMinor());
        CUmodule module = new CUmodule();
        call("cuModuleLoadData(" + program.name() + ")", () -> JCudaDriver.cuModuleLoadData(module, ptx));
        return new GeneratedModule(module, new ConcurrentHashMap<>());
    }

    private void unload(GeneratedModule loaded) {
        if (!errors.unusable()) call("cuModuleUnload", () -> JCudaDriver.cuModuleUnload(loaded.module()));
    }

    /** CUDA has a native double atomic add from sm_60; we build for sm_75 and newer. */
    @Override
    public boolean supportsFloat64Atomics() {
        return true;
    }

    /**
     * A buffer over existing device memory of this context, without copying. Closing it leaves
     * the memory alone: its owner frees it.
     *
     * @param devicePointer the address of the first element, in this device's primary context
     * @param dtype the element type
     * @param length the number of elements, ≥ 0
     * @return the buffer, owned by the caller; the memory stays the owner's
     * @throws IllegalArgumentException when the allocation holding {@code devicePointer} is
     *     smaller than {@code length} elements from there
     * @throws IllegalStateException when the device is closed
     */
    public DeviceBuffer wrap(long devicePointer, DType dtype, long length) {
        try (CallGate.Pass pass = enter("wrap")) {
            return register(wrapChecked(devicePointer, dtype, length));
        }
    }

    private DeviceBuffer wrapChecked(long devicePointer, DType dtype, long length) {
        CUdeviceptr pointer = new CUdeviceptr().withByteOffset(devicePointer);
        AddressOut base = new AddressOut();
        long[] size = new long[1];
        call("cuMemGetAddressRange", () -> JCudaDriver.cuMemGetAddressRange(base, size, pointer));
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
    CudaKernel kernel(String module, DType precision, String kernelName) {
        try (CallGate.Pass pass = enter(kernelName)) {
            return kernels.computeIfAbsent(new FunctionKey(module, precision, kernelName), key -> {
                CUfunction function = new CUfunction();
                CUmodule loaded = module(module, precision);
                call("cuModuleGetFunction(" + kernelName + ")",
                        () -> JCudaDriver.cuModuleGetFunction(function, loaded, kernelName));
                return new CudaKernel(this, function, kernelName);
            });
        }
    }

    private CUmodule module(String name, DType precision) {
        return modules.computeIfAbsent(new ModuleKey(name, precision), key -> {
            byte[] fatbin = KernelResources.cudaBinary(name + "." + precision.label());
            CUmodule module = new CUmodule();
            try {
                call("cuModuleLoadData", () -> JCudaDriver.cuModuleLoadData(module, fatbin));
            } catch (IllegalStateException e) {
                throw new KernelBuildException("CUDA module " + name + "." + precision.label() + " failed to load on "
                        + name() + " (" + info.describe() + "); it holds code for " + CudaArchitectures.describe(),
                        e);
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
        if (!errors.unusable()) {
            synchronizeStream();
            generated.close();
            modules.values().forEach(module -> call("cuModuleUnload", () -> JCudaDriver.cuModuleUnload(module)));
        }
        invoke("cuDevicePrimaryCtxRelease", () -> JCudaDriver.cuDevicePrimaryCtxRelease(cuDevice));
    }
}
