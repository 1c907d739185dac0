package org.equikern.ops.gate;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.nn.Gate;

/** The Java device's gate: {@link Gate} itself, in double, rounded once for FLOAT32. */
final class JavaGateOp extends GateOp {
    JavaGateOp(JavaDevice device, DType dtype, Gate gate) {
        super(device, dtype, gate);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer out, int batch) {
        double[] y = DoubleViews.target(out);
        gate().forward(DoubleViews.read(x), y, batch);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        double[] gx = DoubleViews.target(gradX);
        gate().backward(DoubleViews.read(x), DoubleViews.read(gradOut), gx, batch);
        DoubleViews.commit(gx, gradX);
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer outTangent, int batch) {
        double[] yDot = DoubleViews.target(outTangent);
        gate().tangent(DoubleViews.read(x), DoubleViews.read(xTangent), yDot, batch);
        DoubleViews.commit(yDot, outTangent);
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer gradOut,
                                      DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, int batch) {
        double[] gxDot = DoubleViews.target(gradXTangent);
        gate().tangentBackward(DoubleViews.read(x), DoubleViews.read(xTangent), DoubleViews.read(gradOut),
                DoubleViews.read(gradOutTangent), gxDot, batch);
        DoubleViews.commit(gxDot, gradXTangent);
    }
}
