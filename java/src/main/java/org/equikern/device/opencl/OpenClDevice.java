package org.equikern.device.opencl;

import static org.jocl.CL.CL_DEVICE_ADDRESS_BITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_MEM_CONTEXT;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_SIZE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_QUEUE_CONTEXT;
import static org.jocl.CL.CL_QUEUE_DEVICE;
import static org.jocl.CL.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
import org.equikern.nativeloader.KernelResources;
import org.equikern.nativeloader.OpenClDeviceInfo;
import org.equikern.nativeloader.OpenClDeviceType;
import org.equikern.nativeloader.OpenClProbe;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * An OpenCL device through JOCL: one context and one in-order command queue, its own or a
 * caller's ({@link #wrap(cl_context, cl_command_queue, cl_device_id)}).
 *
 * <p>Threads: OpenCL API calls are thread-safe, so transfers from several threads go straight
 * to the shared in-order queue (reads and writes are blocking, so a thread sees the results of
 * every command it enqueued before). Setting a kernel's arguments and enqueueing it is not, so
 * each {@link OpenClKernel} serializes its own launches.
 *
 * <p>Programs are compiled once per (source, build options) on this device and cached; a
 * compile error is a {@link KernelBuildException} carrying the build log. Programs generated at
 * run time are built on first launch and kept in a bounded cache ({@link GeneratedProgramCache}).
 */
public final class OpenClDevice extends KernelDevice {
    private record ProgramKey(String source, String options) {}

    private record KernelKey(String program, DType precision, String kernel) {}

    private final OpenClDeviceInfo info;
    /** CL_DEVICE_MAX_MEM_ALLOC_SIZE: the largest single buffer. */
    private final long maxAllocationBytes;
    private final cl_context context;
    private final cl_command_queue queue;
    private final MemoryPool<cl_mem> pool;
    private final Map<ProgramKey, cl_program> programs = new ConcurrentHashMap<>();
    private final Map<KernelKey, OpenClKernel> kernels = new ConcurrentHashMap<>();
    private final GeneratedProgramCache<GeneratedBuild> generated = new GeneratedProgramCache<>(GeneratedBuild::release);

    /** A generated program built on this device, with the kernels created from it so far. */
    private record GeneratedBuild(cl_program program, Map<String, OpenClKernel> kernels) {
        void release() {
            kernels.values().forEach(OpenClKernel::release);
            CL.clReleaseProgram(program);
        }
    }
    private OpenClDevice(String name, OpenClDeviceInfo info) {
        super(name, DeviceKind.OPENCL, info.globalMemoryBytes(), info.describe());
        this.info = info;
        this.maxAllocationBytes = maxAllocationBytes(info);
        cl_device_id[] ids = {info.deviceId()};
        this.context = CL.clCreateContext(null, 1, ids, null, null, null);
        try {
            this.queue = CL.clCreateCommandQueue(context, info.deviceId(), 0, null);
        } catch (CLException e) {
            CL.clReleaseContext(context);
            throw e;
        }
        this.pool = newPool((dtype, capacity) -> CL.clCreateBuffer(context, CL_MEM_READ_WRITE,
                capacity * dtype.bytes(), null, null), CL::clReleaseMemObject);
    }

    /** Over a caller's context and queue: retains both, so close releases only this device's references. */
    private OpenClDevice(String name, OpenClDeviceInfo info, cl_context context, cl_command_queue queue) {
        super(name, DeviceKind.OPENCL, info.globalMemoryBytes(), info.describe());
        this.info = info;
        this.maxAllocationBytes = maxAllocationBytes(info);
        CL.clRetainContext(context);
        CL.clRetainCommandQueue(queue);
        this.context = context;
        this.queue = queue;
        this.pool = newPool((dtype, capacity) -> CL.clCreateBuffer(context, CL_MEM_READ_WRITE,
                capacity * dtype.bytes(), null, null), CL::clReleaseMemObject);
    }

    private static long maxAllocationBytes(OpenClDeviceInfo info) {
        long[] bytes = new long[1];
        CL.clGetDeviceInfo(info.deviceId(), CL_DEVICE_MAX_MEM_ALLOC_SIZE, Sizeof.cl_ulong, Pointer.to(bytes), null);
        return bytes[0];
    }

    /**
     * Opens a context and queue on a probed device.
     *
     * @param name the name {@code Devices} lists it under, e.g. {@code opencl:0}
     * @param info the probe's record of the device
     * @return the device, owned by the caller
     */
    public static OpenClDevice open(String name, OpenClDeviceInfo info) {
        return new OpenClDevice(name, info);
    }

    /**
     * Opens a device over a caller's context and in-order queue (a framework's), so that its
     * kernels and copies are ordered with the caller's work on that queue and its buffers live in
     * the caller's context ({@link #wrap(cl_mem, DType, long)} then takes the caller's memory).
     * The device retains both and, on close, releases only its own references: the caller's
     * context and queue stay valid.
     *
     * @param context the caller's context, holding {@code device}
     * @param queue the caller's in-order queue on {@code device}
     * @param device one of the devices {@link OpenClProbe} found; the device is named after it,
     *     e.g. {@code opencl:0}
     * @return the device, owned by the caller
     * @throws IllegalArgumentException when the device was not probed, or the queue belongs to
     *     another context or device, or executes out of order
     */
    public static OpenClDevice wrap(cl_context context, cl_command_queue queue, cl_device_id device) {
        List<OpenClDeviceInfo> devices = OpenClProbe.result().devices();
        int index = 0;
        while (index < devices.size() && !devices.get(index).deviceId().equals(device)) index++;
        if (index == devices.size()) {
            throw new IllegalArgumentException("cl_device_id " + device + " is not among the probed OpenCL devices");
        }
        cl_context queueContext = new cl_context();
        CL.clGetCommandQueueInfo(queue, CL_QUEUE_CONTEXT, Sizeof.cl_context, Pointer.to(queueContext), null);
        cl_device_id queueDevice = new cl_device_id();
        CL.clGetCommandQueueInfo(queue, CL_QUEUE_DEVICE, Sizeof.cl_device_id, Pointer.to(queueDevice), null);
        long[] properties = new long[1];
        CL.clGetCommandQueueInfo(queue, CL_QUEUE_PROPERTIES, Sizeof.cl_ulong, Pointer.to(properties), null);
        if (!queueContext.equals(context) || !queueDevice.equals(device)) {
            throw new IllegalArgumentException("the command queue belongs to another context or device than the one "
                    + "given");
        }
        if ((properties[0] & CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) != 0) {
            throw new IllegalArgumentException("the command queue executes out of order; Equikern needs an in-order "
                    + "queue");
        }
        return new OpenClDevice("opencl:" + index, devices.get(index), context, queue);
    }

    /**
     * What the probe reported about this device.
     *
     * @return the probe's record
     */
    public OpenClDeviceInfo info() {
        return info;
    }

    /**
     * The OpenCL context buffers are allocated in, for interop.
     *
     * @return the context (the device's own or the caller's)
     */
    public cl_context context() {
        return context;
    }

    /**
     * The in-order queue every kernel and copy goes to, for interop.
     *
     * @return the queue (the device's own or the caller's)
     */
    public cl_command_queue queue() {
        return queue;
    }

    /** The most work items one launch can address: 2^{@code CL_DEVICE_ADDRESS_BITS} - 1 (size_t). */
    long addressableWorkItems() {
        int[] bits = new int[1];
        CL.clGetDeviceInfo(info.deviceId(), CL_DEVICE_ADDRESS_BITS, Sizeof.cl_uint, Pointer.to(bits), null);
        return bits[0] >= Long.SIZE - 1 ? Long.MAX_VALUE : (1L << bits[0]) - 1;
    }

    @Override
    public boolean supportsFloat64() {
        return info.float64();
    }

    @Override
    protected void launchChecked(String program, DType precision, String kernel, long globalSize,
            Object... args) {
        try (CallGate.Pass pass = enter(kernel)) {
            kernel(program, precision, kernel).launch(globalSize, args);
        }
    }

    @Override
    public boolean supportsFloat64Atomics() {
        return info.int64Atomics();
    }

    @Override
    public boolean hostCpu() {
        return info.type() == OpenClDeviceType.CPU;
    }

    @Override
    public KernelDialect dialect() {
        return KernelDialect.OPENCL_C;
    }

    /** Every OpenCL device compiles at run time: always null. */
    @Override
    public String generatedProgramsUnavailable() {
        return null;
    }

    @Override
    protected void launchGeneratedChecked(GeneratedProgram program, String kernel, long globalSize, Object... args) {
        try (CallGate.Pass pass = enter(kernel)) {
            generated.use(program, p -> new GeneratedBuild(build(p.source(), ""), new ConcurrentHashMap<>()),
                    built -> built.kernels().computeIfAbsent(kernel, k -> new OpenClKernel(this, built.program(), k))
                            .launch(globalSize, args));
        }
    }

    /**
     * A buffer over existing memory of this device's context, without copying. Closing it leaves
     * the memory alone: its owner frees it.
     *
     * @param memory the memory object
     * @param dtype the element type
     * @param length the number of elements, ≥ 0
     * @return the buffer, owned by the caller; the memory stays the owner's
     * @throws IllegalArgumentException when {@code memory} belongs to another context or is
     *     smaller than {@code length} elements
     * @throws IllegalStateException when the device is closed
     */
    public DeviceBuffer wrap(cl_mem memory, DType dtype, long length) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(dtype, "dtype");
        try (CallGate.Pass pass = enter("wrap")) {
            return register(wrapChecked(memory, dtype, length));
        }
    }

    private DeviceBuffer wrapChecked(cl_mem memory, DType dtype, long length) {
        cl_context owner = new cl_context();
        CL.clGetMemObjectInfo(memory, CL_MEM_CONTEXT, Sizeof.cl_context, Pointer.to(owner), null);
        if (!owner.equals(context)) {
            throw new IllegalArgumentException("cl_mem " + memory + " belongs to another OpenCL context than device "
                    + name());
        }
        long[] size = new long[1];
        CL.clGetMemObjectInfo(memory, CL_MEM_SIZE, Sizeof.size_t, Pointer.to(size), null);
        if (length < 0 || size[0] < length * dtype.bytes()) {
            throw new IllegalArgumentException("cl_mem of " + size[0] + " bytes cannot hold " + dtype + "[" + length
                    + "] (" + length * dtype.bytes() + " bytes)");
        }
        return new OpenClBuffer(this, memory, dtype, length);
    }

    /**
     * The kernel {@code kernelName} of the packaged program {@code /kernels/opencl/<program>.cl},
     * compiled for {@code precision} (cached).
     */
    OpenClKernel kernel(String program, DType precision, String kernelName) {
        try (CallGate.Pass pass = enter(kernelName)) {
            return kernels.computeIfAbsent(new KernelKey(program, precision, kernelName), key -> new OpenClKernel(this,
                    program(KernelResources.openClSource(program), precision.realDefine()), kernelName));
        }
    }

    /**
     * The program built from {@code source} with {@code options} on this device, compiled on
     * first use and cached.
     *
     * @throws KernelBuildException with the build log when the compiler rejects the source
     */
    cl_program program(String source, String options) {
        try (CallGate.Pass pass = enter("program")) {
            return programs.computeIfAbsent(new ProgramKey(source, options), key -> build(source, options));
        }
    }

    private cl_program build(String source, String options) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {info.deviceId()}, options, null, null);
            return program;
        } catch (CLException e) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new KernelBuildException("OpenCL program failed to build on " + name() + " with options '" + options
                    + "': " + CL.stringFor_errorCode(e.getStatus()) + "\n" + log, e);
        }
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, info.deviceId(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, info.deviceId(), CL_PROGRAM_BUILD_LOG, bytes.length, Pointer.to(bytes), null);
        return new String(bytes, StandardCharsets.UTF_8).replace("\0", "").trim();
    }

    /** Blocks until every command enqueued on this device has finished. */
    public void finish() {
        try (CallGate.Pass pass = enter("finish")) {
            CL.clFinish(queue);
        }
    }

    @Override
    protected DeviceBuffer newBuffer(DType dtype, long length) {
        checkAllocation(dtype, length, "CL_DEVICE_MAX_MEM_ALLOC_SIZE", maxAllocationBytes);
        return new OpenClBuffer(this, length, pool.acquire(dtype, length), pool);
    }

    @Override
    protected MemoryPool<?> pool() {
        return pool;
    }

    @Override
    protected void releaseDevice() {
        CL.clFinish(queue);
        generated.close();
        kernels.values().forEach(OpenClKernel::release);
        programs.values().forEach(CL::clReleaseProgram);
        CL.clReleaseCommandQueue(queue);
        CL.clReleaseContext(context);
    }
}
