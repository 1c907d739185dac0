package org.equikern.backend;

import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceKind;
import org.equikern.device.EdgeEmbeddingOp;
import org.equikern.device.GateOp;
import org.equikern.device.GatherScatter;
import org.equikern.device.LinearOp;
import org.equikern.device.MemoryPool;
import org.equikern.device.NormActivationOp;
import org.equikern.device.SphericalHarmonicsOp;
import org.equikern.device.SymmetricContractionOp;
import org.equikern.device.TensorProductOp;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.SymmetricContraction;
import org.equikern.tp.Plan;

/**
 * A device that runs the packaged kernels (OpenCL or CUDA): every operation is the same
 * kernel-backed op class, launched through this device's {@link KernelLauncher}, so the two
 * GPU backends differ only in memory, programs and launches.
 */
public abstract class KernelDevice extends Device implements KernelLauncher {
    private final GatherScatter gatherScatter = new KernelGatherScatter(this, this);
    private final long globalMemoryBytes;
    private final String description;

    /** {@code globalMemoryBytes} and {@code description} are what the backend's probe reported. */
    protected KernelDevice(String name, DeviceKind kind, long globalMemoryBytes, String description) {
        super(name, kind);
        this.globalMemoryBytes = globalMemoryBytes;
        this.description = description;
    }

    /**
     * Rejects a buffer larger than {@code limitBytes} before the driver is asked, naming the
     * size and the limit ({@code limitName}, e.g. {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}).
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

    @Override
    public final GatherScatter gatherScatter() {
        return gatherScatter;
    }

    @Override
    public final TensorProductOp tensorProduct(Plan plan) {
        return new KernelTensorProductOp(this, this, plan);
    }

    @Override
    public final SphericalHarmonicsOp sphericalHarmonics(SphericalHarmonics harmonics, DType dtype) {
        return new KernelSphericalHarmonicsOp(this, this, dtype, harmonics);
    }

    @Override
    public final LinearOp linear(Linear linear, DType dtype) {
        return new KernelLinearOp(this, this, dtype, linear);
    }

    @Override
    public final GateOp gate(Gate gate, DType dtype) {
        return new KernelGateOp(this, this, dtype, gate);
    }

    @Override
    public final SymmetricContractionOp symmetricContraction(SymmetricContraction contraction, DType dtype) {
        return new KernelSymmetricContractionOp(this, this, dtype, contraction);
    }

    @Override
    public final NormActivationOp normActivation(NormActivation activation, DType dtype) {
        return new KernelNormActivationOp(this, this, dtype, activation);
    }

    @Override
    public final EdgeEmbeddingOp edgeEmbedding(EdgeEmbedding embedding, DType dtype) {
        return new KernelEdgeEmbeddingOp(this, this, dtype, embedding);
    }
}
