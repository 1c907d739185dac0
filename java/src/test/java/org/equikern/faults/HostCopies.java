package org.equikern.faults;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;

/** Moves double values to and from a device in either precision, for the fault suites. */
final class HostCopies {
    private HostCopies() {
    }

    /** A buffer of {@code scope}'s device holding {@code values} in {@code dtype}. */
    static DeviceBuffer upload(MemoryScope scope, DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) return scope.upload(values);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return scope.upload(f);
    }

    /** A buffer's values widened to double. */
    static double[] download(DeviceBuffer buffer) {
        if (buffer.dtype() == DType.FLOAT64) return buffer.toDoubleArray();
        float[] f = buffer.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }
}
