package org.equikern.ops.scale;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;

/** The Java device's {@link ScaleOp}: in double, rounded once for FLOAT32. */
final class JavaScaleOp extends ScaleOp {
    JavaScaleOp(JavaDevice device, DType dtype, double factor) {
        super(device, dtype, factor);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer y, int n) {
        double[] in = DoubleViews.read(x);
        double[] out = DoubleViews.target(y);
        for (int i = 0; i < n; i++) out[i] = factor() * in[i];
        DoubleViews.commit(out, y);
    }
}
