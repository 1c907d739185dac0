package org.equikern.device.kernel;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceKind;
import org.equikern.device.MemoryPool;

/**
 * A device that runs the packaged kernels (OpenCL or CUDA): every operation is the same
 * kernel-backed op class, launched through this device's {@link KernelLauncher}, so the two
 * GPU backends differ only in memory, programs and launches.
 */
public abstract class KernelDevice extends Device implements KernelLauncher {
    private final long globalMemoryBytes;
    private final String description;

    /**
     * {@code globalMemoryBytes} and {@code description} are what the backend's probe reported.
     *
     * @param name the name, e.g. {@code opencl:0}
     * @param kind OPENCL or CUDA
     * @param globalMemoryBytes the device's memory in bytes
     * @param description the one-line description
     */
    protected KernelDevice(String name, DeviceKind kind, long globalMemoryBytes, String description) {
        super(name, kind);
        this.globalMemoryBytes = globalMemoryBytes;
        this.description = description;
    }

    /**
     * Rejects a buffer larger than {@code limitBytes} before the driver is asked, naming the
     * size and the limit ({@code limitName}, e.g. {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}).
     *
     * @param dtype the element type
     * @param length the number of elements
     * @param limitName the name of the limit, for the message
     * @param limitBytes the largest allocation in bytes
     * @throws IllegalArgumentException when the buffer exceeds the limit
     */
    protected final void checkAllocation(DType dtype, long length, String limitName, long limitBytes) {
        if (length > limitBytes / dtype.bytes()) {
            throw new IllegalArgumentException("device " + name() + ": " + dtype + "[" + length + "] needs "
                    + (length > Long.MAX_VALUE / dtype.bytes() ? "more than 2^63" : String.valueOf(length * dtype.bytes()))
                    + " bytes, above " + limitName + " = " + limitBytes + " bytes");
        }
    }

    /**
     * The pool both GPU backends allocate through: memory handles of type {@code M} from
     * {@code allocate(dtype, capacity)}, freed by {@code free}, in quarter-octave size classes,
     * keeping at most {@link #defaultPoolLimit} of the device's memory for reuse.
     *
     * @param allocate allocates memory for a capacity in elements
     * @param free frees memory
     * @param <M> the backend's memory handle
     * @return the pool
     */
    protected final <M> MemoryPool<M> newPool(BiFunction<DType, Long, M> allocate, Consumer<M> free) {
        return new MemoryPool<>(new MemoryPool.Allocator<>() {
            @Override
            public M allocate(DType dtype, long capacity) {
                return allocate.apply(dtype, capacity);
            }

            @Override
            public void free(M memory) {
                free.accept(memory);
            }
        }, MemoryPool::quarterOctave, defaultPoolLimit(globalMemoryBytes));
    }

    @Override
    public final long globalMemoryBytes() {
        return globalMemoryBytes;
    }

    @Override
    public final String describe() {
        return description;
    }


    /** Checks the arguments against {@code kernel}'s signature, then launches it on this device. */
    @Override
    public final void launch(KernelSignature kernel, DType precision, long globalSize, Object... args) {
        kernel.check(precision, args);
        launchChecked(kernel.program(), precision, kernel.name(), globalSize, args);
    }

    /**
     * Launches kernel {@code kernel} of {@code program} with arguments already checked.
     *
     * @param program the program (file stem)
     * @param precision FLOAT32 or FLOAT64
     * @param kernel the kernel's name
     * @param globalSize the number of work items
     * @param args the arguments, checked against the signature
     */
    protected abstract void launchChecked(String program, DType precision, String kernel, long globalSize,
            Object... args);

    /** Checks the program, its kernel's signature and the arguments, then launches it on this device. */
    @Override
    public final void launch(GeneratedProgram program, KernelSignature kernel, DType precision, long globalSize,
            Object... args) {
        if (program.dialect() != dialect()) {
            throw new IllegalArgumentException("program " + program.name() + " is written in " + program.dialect()
                    + "; device " + name() + " compiles " + dialect());
        }
        if (!kernel.program().equals(program.name())) {
            throw new IllegalArgumentException("kernel " + kernel.name() + " belongs to program " + kernel.program()
                    + ", not to " + program.name());
        }
        String unavailable = generatedProgramsUnavailable();
        if (unavailable != null) {
            throw new IllegalStateException("device " + name() + " cannot compile generated program "
                    + program.name() + ": " + unavailable);
        }
        kernel.check(precision, args);
        launchGeneratedChecked(program, kernel.name(), globalSize, args);
    }

    /**
     * Launches kernel {@code kernel} of a generated program (compiled and cached) with arguments already
     * checked.
     *
     * @param program the generated program
     * @param kernel the kernel's name
     * @param globalSize the number of work items
     * @param args the arguments, checked against the signature
     */
    protected abstract void launchGeneratedChecked(GeneratedProgram program, String kernel, long globalSize,
            Object... args);
}
