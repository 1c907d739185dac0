package org.equikern.device.java;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;

/**
 * Double-precision views of Java-device buffers, so each Java op runs one float64 code path for
 * both dtypes: a FLOAT64 buffer is used in place; a FLOAT32 buffer is widened exactly into a copy,
 * and results are rounded once on the way back, as the float32 methods of the layers do. Null
 * stands for an absent optional buffer throughout.
 */
public final class DoubleViews {
    private DoubleViews() {
    }

    /**
     * The values of {@code buffer} as doubles: its own array for FLOAT64, a widened copy for FLOAT32; null
     * for null.
     *
     * @param buffer a FLOAT32 or FLOAT64 buffer of the Java device, or null
     * @return the values, or null
     */
    public static double[] read(DeviceBuffer buffer) {
        if (buffer == null) return null;
        JavaBuffer b = (JavaBuffer) buffer;
        if (b.dtype() == DType.FLOAT64) return b.doubles();
        float[] f = b.floats();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    /**
     * Where to compute the result for {@code buffer}: its own array for FLOAT64, a new array for FLOAT32;
     * null for null.
     *
     * @param buffer a FLOAT32 or FLOAT64 buffer of the Java device, or null
     * @return an array of {@code buffer.length()} values, or null
     */
    public static double[] target(DeviceBuffer buffer) {
        if (buffer == null) return null;
        JavaBuffer b = (JavaBuffer) buffer;
        return b.dtype() == DType.FLOAT64 ? b.doubles() : new double[(int) b.length()];
    }

    /**
     * Stores a result computed in {@link #target(DeviceBuffer)} into {@code buffer} (rounding for FLOAT32).
     *
     * @param values the array {@link #target(DeviceBuffer)} returned for {@code buffer}
     * @param buffer the output buffer, or null
     */
    public static void commit(double[] values, DeviceBuffer buffer) {
        if (buffer == null || buffer.dtype() == DType.FLOAT64) return;
        JavaBuffer b = (JavaBuffer) buffer;
        float[] f = b.floats();
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
    }
}
