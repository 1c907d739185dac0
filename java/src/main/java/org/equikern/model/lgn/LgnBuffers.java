package org.equikern.model.lgn;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.ops.lorentzproduct.ComplexTensor;

/** Host ↔ device moves of the LGN layer's tensors in either precision; complex ones planar [re | im]. */
final class LgnBuffers {
    private LgnBuffers() {
    }

    /** A buffer of {@code scope} holding {@code values} in {@code dtype} (rounded once for FLOAT32). */
    static DeviceBuffer upload(MemoryScope scope, DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) return scope.upload(values);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return scope.upload(f);
    }

    /** A planar buffer of {@code t}. */
    static DeviceBuffer upload(MemoryScope scope, DType dtype, ComplexTensor t) {
        return upload(scope, dtype, t.planar());
    }

    /** A buffer's values, widened to double. */
    static double[] download(DeviceBuffer buffer) {
        if (buffer.dtype() == DType.FLOAT64) return buffer.toDoubleArray();
        float[] f = buffer.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    /** A planar buffer as a complex tensor. */
    static ComplexTensor downloadComplex(DeviceBuffer buffer) {
        return ComplexTensor.fromPlanar(download(buffer));
    }
}
