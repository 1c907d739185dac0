package org.equikern.ops.symmetriccontraction;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;
import org.equikern.nn.SymmetricContraction;

/**
 * The Java device's symmetric contraction: {@link SymmetricContraction} itself, whose float32
 * forward and backward passes compute in float on the buffers' own arrays; the tangents run in
 * double, rounded once for FLOAT32. The layer checks every element index.
 */
final class JavaSymmetricContractionOp extends SymmetricContractionOp {
    JavaSymmetricContractionOp(JavaDevice device, DType dtype, SymmetricContraction contraction) {
        super(device, dtype, contraction);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch) {
        if (dtype() == DType.FLOAT32) {
            contraction().forward(floats(x), ints(elements), floats(weights), floats(out), batch);
            return;
        }
        double[] y = DoubleViews.target(out);
        contraction().forward(DoubleViews.read(x), ((JavaBuffer) elements).ints(), DoubleViews.read(weights), y,
                batch);
        DoubleViews.commit(y, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX, DeviceBuffer gradWeights, int batch) {
        if (dtype() == DType.FLOAT32) {
            contraction().backward(floats(x), ints(elements), floats(weights), floats(gradOut), floats(gradX),
                    floats(gradWeights), batch);
            return;
        }
        double[] gx = DoubleViews.target(gradX);
        double[] gw = DoubleViews.target(gradWeights);
        contraction().backward(DoubleViews.read(x), ((JavaBuffer) elements).ints(), DoubleViews.read(weights),
                DoubleViews.read(gradOut), gx, gw, batch);
        DoubleViews.commit(gx, gradX);
        DoubleViews.commit(gw, gradWeights);
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer outTangent, int batch) {
        double[] yDot = DoubleViews.target(outTangent);
        contraction().tangent(DoubleViews.read(x), DoubleViews.read(xTangent), ((JavaBuffer) elements).ints(),
                DoubleViews.read(weights), yDot, batch);
        DoubleViews.commit(yDot, outTangent);
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent,
            DeviceBuffer gradWeightsTangent, int batch) {
        double[] gxDot = DoubleViews.target(gradXTangent);
        double[] gwDot = DoubleViews.target(gradWeightsTangent);
        contraction().tangentBackward(DoubleViews.read(x), DoubleViews.read(xTangent), ((JavaBuffer) elements).ints(),
                DoubleViews.read(weights), DoubleViews.read(gradOut), DoubleViews.read(gradOutTangent), gxDot, gwDot,
                batch);
        DoubleViews.commit(gxDot, gradXTangent);
        DoubleViews.commit(gwDot, gradWeightsTangent);
    }

    /** The float array of a FLOAT32 buffer; null for an absent optional buffer. */
    private static float[] floats(DeviceBuffer buffer) {
        return buffer == null ? null : ((JavaBuffer) buffer).floats();
    }

    private static int[] ints(DeviceBuffer buffer) {
        return ((JavaBuffer) buffer).ints();
    }
}
