package org.equikern.ops.linear;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;
import org.equikern.nn.Linear;

/**
 * The Java device's linear layer: {@link Linear} itself, on the buffers' own arrays: float64 in
 * double, float32 through Linear's float32 methods (see its precision note).
 */
final class JavaLinearOp extends LinearOp {
    JavaLinearOp(JavaDevice device, DType dtype, Linear linear) {
        super(device, dtype, linear);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer bias, DeviceBuffer out, int batch) {
        if (dtype() == DType.FLOAT32) {
            linear().forward(floats(x), floats(weights), floats(bias), floats(out), batch);
            return;
        }
        double[] y = DoubleViews.target(out);
        linear().forward(DoubleViews.read(x), DoubleViews.read(weights), DoubleViews.read(bias), y, batch);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradWeights, DeviceBuffer gradBias, int batch) {
        if (dtype() == DType.FLOAT32) {
            linear().backward(floats(x), floats(weights), floats(gradOut), floats(gradX), floats(gradWeights),
                    floats(gradBias), batch);
            return;
        }
        double[] gx = DoubleViews.target(gradX);
        double[] gw = DoubleViews.target(gradWeights);
        double[] gb = DoubleViews.target(gradBias);
        linear().backward(DoubleViews.read(x), DoubleViews.read(weights), DoubleViews.read(gradOut), gx, gw, gb, batch);
        DoubleViews.commit(gx, gradX);
        DoubleViews.commit(gw, gradWeights);
        DoubleViews.commit(gb, gradBias);
    }

    /** A FLOAT32 buffer's own array; null for an absent optional buffer. */
    private static float[] floats(DeviceBuffer buffer) {
        return buffer == null ? null : ((JavaBuffer) buffer).floats();
    }
}
