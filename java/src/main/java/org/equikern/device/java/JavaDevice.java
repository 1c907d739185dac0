package org.equikern.device.java;

import org.equikern.check.HostArguments;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceKind;
import org.equikern.device.MemoryPool;

/**
 * The always-available device: buffers are Java arrays on the heap and kernels are plain Java
 * loops, the oracle the other backends are tested against. Operations run on the calling thread.
 */
public final class JavaDevice extends Device {
    /** The name {@code Devices.open} knows this device by. */
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

    /** A new Java device; any number may be open at once, each with its own buffers and pool. */
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
