package org.equikern.ops.linear;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.nn.Linear;

/** The Java device's linear layer: {@link Linear} itself, in double, rounded once for FLOAT32. */
final class JavaLinearOp extends LinearOp {
    JavaLinearOp(JavaDevice device, DType dtype, Linear linear) {
        super(device, dtype, linear);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer bias, DeviceBuffer out, int batch) {
        double[] y = DoubleViews.target(out);
        linear().forward(DoubleViews.read(x), DoubleViews.read(weights), DoubleViews.read(bias), y, batch);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradWeights, DeviceBuffer gradBias, int batch) {
        double[] gx = DoubleViews.target(gradX);
        double[] gw = DoubleViews.target(gradWeights);
        double[] gb = DoubleViews.target(gradBias);
        linear().backward(DoubleViews.read(x), DoubleViews.read(weights), DoubleViews.read(gradOut), gx, gw, gb, batch);
        DoubleViews.commit(gx, gradX);
        DoubleViews.commit(gw, gradWeights);
        DoubleViews.commit(gb, gradBias);
    }
}
