package org.equikern.ops.axpy;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;

/** The Java device's {@link AxpyOp}: in double, rounded once for FLOAT32. */
final class JavaAxpyOp extends AxpyOp {
    JavaAxpyOp(JavaDevice device, DType dtype) {
        super(device, dtype);
    }

    @Override
    protected void runAxpy(double alpha, DeviceBuffer x, int xOffset, DeviceBuffer y, int yOffset, int n) {
        double[] in = DoubleViews.read(x);
        double[] out = DoubleViews.read(y);
        for (int i = 0; i < n; i++) out[yOffset + i] += alpha * in[xOffset + i];
        DoubleViews.commit(out, y);
    }
}
