package org.equikern.device;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the per-backend contracts share: one device per test class (so compiled programs are
 * reused), opened before the first test and closed after the last, and moving double values to
 * and from it in either precision.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeviceTestBase {
    protected Device device;

    /** The device under test; closed after the class. */
    protected abstract Device openDevice();

    @BeforeAll
    void openDeviceUnderTest() {
        device = openDevice();
    }

    @AfterAll
    void closeDeviceUnderTest() {
        if (device != null) device.close();
    }

    /** A buffer of {@code scope}'s device holding {@code values} in {@code dtype}. */
    protected static DeviceBuffer upload(MemoryScope scope, DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) return scope.upload(values);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return scope.upload(f);
    }

    /** A buffer's values widened to double. */
    protected static double[] download(DeviceBuffer buffer) {
        if (buffer.dtype() == DType.FLOAT64) return buffer.toDoubleArray();
        float[] f = buffer.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }
}
