package org.equikern.device.kernel;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;

/**
 * The constant tables of one kernel op on its device: index tables as INT32, coefficients in the
 * op's precision (rounded once from double for FLOAT32). They live in one memory scope, freed
 * together by {@link #close()}.
 */
public final class DeviceTables implements AutoCloseable {
    private final MemoryScope scope;
    private final DType dtype;

    /**
     * Tables on {@code device}, real ones in {@code dtype}; close them to free them.
     *
     * @param device the device
     * @param dtype the precision of the real tables
     * @throws IllegalStateException when the device is closed
     */
    public DeviceTables(Device device, DType dtype) {
        this.scope = device.openScope();
        this.dtype = dtype;
    }

    /**
     * An INT32 copy of {@code values}.
     *
     * @param values the values
     * @return a new INT32 buffer, freed with the tables
     */
    public DeviceBuffer ints(int[] values) {
        return scope.upload(values);
    }

    /**
     * A copy of {@code values} in the op's precision.
     *
     * @param values the values, rounded to float for FLOAT32
     * @return a new buffer, freed with the tables
     */
    public DeviceBuffer reals(double[] values) {
        if (dtype == DType.FLOAT64) return scope.upload(values);
        float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++) narrowed[i] = (float) values[i];
        return scope.upload(narrowed);
    }

    @Override
    public void close() {
        scope.close();
    }
}
