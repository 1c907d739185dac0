package org.equikern.ops.harmonics;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.group.SphericalHarmonics;

/** Spherical harmonics by the Java class itself, in double, rounded once for FLOAT32; needs no scratch. */
final class JavaSphericalHarmonicsOp extends SphericalHarmonicsOp {
    JavaSphericalHarmonicsOp(JavaDevice device, DType dtype, SphericalHarmonics harmonics) {
        super(device, dtype, harmonics);
    }

    @Override
    protected void runForward(DeviceBuffer vectors, DeviceBuffer out, int n) {
        double[] y = DoubleViews.target(out);
        harmonics().compute(DoubleViews.read(vectors), y, n);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer vectors, DeviceBuffer gradOut, DeviceBuffer gradVectors,
            DeviceBuffer scratch, int n) {
        double[] g = DoubleViews.target(gradVectors);
        harmonics().backward(DoubleViews.read(vectors), DoubleViews.read(gradOut), g, n);
        DoubleViews.commit(g, gradVectors);
    }
}
