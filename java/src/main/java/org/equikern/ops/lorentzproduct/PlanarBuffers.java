package org.equikern.ops.lorentzproduct;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;

/** The Java device's view of planar complex buffers [re | im] as {@link ComplexTensor}s, in double. */
final class PlanarBuffers {
    private PlanarBuffers() {
    }

    /** A planar buffer as a complex tensor (a copy, widened to double). */
    static ComplexTensor read(DeviceBuffer buffer) {
        return ComplexTensor.fromPlanar(DoubleViews.read(buffer));
    }

    /** Writes {@code value} into the planar buffer, rounded once for FLOAT32. */
    static void commit(ComplexTensor value, DeviceBuffer buffer) {
        double[] all = DoubleViews.target(buffer);
        int n = value.length();
        System.arraycopy(value.re(), 0, all, 0, n);
        System.arraycopy(value.im(), 0, all, n, n);
        DoubleViews.commit(all, buffer);
    }

    /** A zero tensor with the complex length of the planar buffer. */
    static ComplexTensor zerosLike(DeviceBuffer buffer) {
        return ComplexTensor.zeros(Math.toIntExact(buffer.length() / 2));
    }
}
