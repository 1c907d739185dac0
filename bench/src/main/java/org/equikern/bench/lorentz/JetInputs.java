package org.equikern.bench.lorentz;

import java.util.Random;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;

/** Seeded inputs of the Lorentz benchmarks, uploaded to a device in the benchmark's precision. */
final class JetInputs {
    private JetInputs() {
    }

    /** {@code f32} → FLOAT32, {@code f64} → FLOAT64. */
    static DType dtype(String precision) {
        return "f64".equals(precision) ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** {@code n} standard normal values on {@code device} in {@code dtype}. */
    static DeviceBuffer gaussian(Device device, DType dtype, Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = random.nextGaussian();
        if (dtype == DType.FLOAT64) return device.upload(values);
        float[] narrowed = new float[n];
        for (int i = 0; i < n; i++) narrowed[i] = (float) values[i];
        return device.upload(narrowed);
    }
}
