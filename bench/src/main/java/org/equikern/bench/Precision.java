package org.equikern.bench;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;

/** The {@code precision} benchmark parameter ({@code f32}, {@code f64}) and seeded inputs in that precision. */
final class Precision {
    private Precision() {}

    /** {@code f32} → FLOAT32, {@code f64} → FLOAT64. */
    static DType dtype(String label) {
        for (DType t : DType.values()) {
            if (t.isFloatingPoint() && t.label().equals(label)) return t;
        }
        throw new IllegalArgumentException("unknown precision '" + label + "'; known: f32, f64");
    }

    /** {@code n} standard normal values from {@code seed}: the same inputs in every run and precision. */
    static double[] gaussian(long seed, long n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            // Box–Muller; SplittableRandom has no nextGaussian on JDK 17.
            double u = 1.0 - random.nextDouble();
            values[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return values;
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }

    /** A buffer of {@code dtype} on {@code device} holding seeded normal values. */
    static DeviceBuffer upload(Device device, DType dtype, long seed, long n) {
        double[] values = gaussian(seed, n);
        return dtype == DType.FLOAT64 ? device.upload(values) : device.upload(toFloat(values));
    }
}
