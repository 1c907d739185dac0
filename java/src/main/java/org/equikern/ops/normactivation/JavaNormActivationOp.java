package org.equikern.ops.normactivation;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.nn.NormActivation;

/** The Java device's norm activation: {@link NormActivation} itself, in double, rounded once for FLOAT32. */
final class JavaNormActivationOp extends NormActivationOp {
    JavaNormActivationOp(JavaDevice device, DType dtype, NormActivation activation) {
        super(device, dtype, activation);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer out, int batch) {
        double[] y = DoubleViews.target(out);
        activation().forward(DoubleViews.read(x), DoubleViews.read(bias), y, batch);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradBias, int batch) {
        double[] gx = DoubleViews.target(gradX);
        double[] gb = DoubleViews.target(gradBias);
        activation().backward(DoubleViews.read(x), DoubleViews.read(bias), DoubleViews.read(gradOut), gx, gb, batch);
        DoubleViews.commit(gx, gradX);
        DoubleViews.commit(gb, gradBias);
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer outTangent,
            int batch) {
        double[] yDot = DoubleViews.target(outTangent);
        activation().tangent(DoubleViews.read(x), DoubleViews.read(bias), DoubleViews.read(xTangent), yDot, batch);
        DoubleViews.commit(yDot, outTangent);
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer gradOut,
            DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, DeviceBuffer gradBiasTangent, int batch) {
        double[] gxDot = DoubleViews.target(gradXTangent);
        double[] gbDot = DoubleViews.target(gradBiasTangent);
        activation().tangentBackward(DoubleViews.read(x), DoubleViews.read(bias), DoubleViews.read(xTangent),
                DoubleViews.read(gradOut), DoubleViews.read(gradOutTangent), gxDot, gbDot, batch);
        DoubleViews.commit(gxDot, gradXTangent);
        DoubleViews.commit(gbDot, gradBiasTangent);
    }
}
