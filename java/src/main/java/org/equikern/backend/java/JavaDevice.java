package org.equikern.backend.java;

import org.equikern.check.HostArguments;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceKind;
import org.equikern.device.EdgeEmbeddingOp;
import org.equikern.device.GateOp;
import org.equikern.device.GatherScatter;
import org.equikern.device.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.device.LinearOp;
import org.equikern.device.NormActivationOp;
import org.equikern.device.SymmetricContractionOp;
import org.equikern.device.MemoryPool;
import org.equikern.device.SphericalHarmonicsOp;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.SymmetricContraction;

/**
 * The always-available device: buffers are Java arrays on the heap and kernels are plain Java
 * loops, the oracle the other backends are tested against. Operations run on the calling thread.
 */
public final class JavaDevice extends Device {
    /** The name {@link org.equikern.device.Devices#open} knows this device by. */
    public static final String NAME = "java";

    private final MemoryPool<Object> pool = new MemoryPool<>(new MemoryPool.Allocator<>() {
        @Override
        public Object allocate(DType dtype, long capacity) {
            int n = Math.toIntExact(capacity);
            switch (dtype) {
                case FLOAT32: return new float[n];
                case FLOAT64: return new double[n];
                default: return new int[n];
            }
        }

        @Override
        public void free(Object memory) {
            // Heap arrays are reclaimed by the garbage collector.
        }
    }, length -> length, defaultPoolLimit(Runtime.getRuntime().maxMemory()));
    private final JavaGatherScatter gatherScatter = new JavaGatherScatter(this);

    public JavaDevice() {
        super(NAME, DeviceKind.JAVA);
    }

    @Override
    public boolean supportsFloat64() {
        return true;
    }

    /** The JVM's maximum heap. */
    @Override
    public long globalMemoryBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public String describe() {
        return "Java heap (" + (globalMemoryBytes() >> 20) + " MiB max, " + Runtime.getRuntime().availableProcessors()
                + " processors)";
    }

    @Override
    public GatherScatter gatherScatter() {
        return gatherScatter;
    }

    @Override
    public TensorProductOp tensorProduct(Plan plan) {
        return new JavaTensorProductOp(this, plan);
    }

    @Override
    public SphericalHarmonicsOp sphericalHarmonics(SphericalHarmonics harmonics, DType dtype) {
        return new JavaSphericalHarmonicsOp(this, dtype, harmonics);
    }

    @Override
    public LinearOp linear(Linear linear, DType dtype) {
        return new JavaLinearOp(this, dtype, linear);
    }

    @Override
    public GateOp gate(Gate gate, DType dtype) {
        return new JavaGateOp(this, dtype, gate);
    }

    @Override
    public SymmetricContractionOp symmetricContraction(SymmetricContraction contraction, DType dtype) {
        return new JavaSymmetricContractionOp(this, dtype, contraction);
    }

    @Override
    public NormActivationOp normActivation(NormActivation activation, DType dtype) {
        return new JavaNormActivationOp(this, dtype, activation);
    }

    @Override
    public EdgeEmbeddingOp edgeEmbedding(EdgeEmbedding embedding, DType dtype) {
        return new JavaEdgeEmbeddingOp(this, dtype, embedding);
    }

    @Override
    protected DeviceBuffer newBuffer(DType dtype, long length) {
        if (length > HostArguments.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("device java: " + dtype + "[" + length + "] is above the Java array limit "
                    + HostArguments.MAX_ARRAY_LENGTH + " elements per buffer");
        }
        return new JavaBuffer(this, pool.acquire(dtype, length), pool);
    }

    @Override
    protected MemoryPool<?> pool() {
        return pool;
    }

    @Override
    protected void releaseDevice() {
        // Nothing native to release.
    }
}
