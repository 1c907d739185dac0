package org.equikern.ops.lorentzproduct;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;

/**
 * The Java device's {@link LorentzProductOp}: {@link LorentzProduct} itself in double on the
 * planes of each buffer, each output rounded once for FLOAT32.
 */
final class JavaLorentzProductOp extends LorentzProductOp {
    JavaLorentzProductOp(JavaDevice device, DType dtype, LorentzProduct product) {
        super(device, dtype, product);
    }

    @Override
    protected void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer out, int batch) {
        ComplexTensor result = ComplexTensor.zeros((int) (out.length() / 2));
        product().forward(planes(x1), planes(x2), planes(w), result, batch);
        commit(result, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradW, int batch) {
        ComplexTensor g1 = ComplexTensor.zeros((int) (gradX1.length() / 2));
        ComplexTensor g2 = ComplexTensor.zeros((int) (gradX2.length() / 2));
        ComplexTensor gw = ComplexTensor.zeros((int) (gradW.length() / 2));
        product().backward(planes(x1), planes(x2), planes(w), planes(gradOut), g1, g2, gw, batch);
        commit(g1, gradX1);
        commit(g2, gradX2);
        commit(gw, gradW);
    }

    @Override
    protected void runDoubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vw, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradW, DeviceBuffer gradGradOut, int batch) {
        ComplexTensor g1 = ComplexTensor.zeros((int) (gradX1.length() / 2));
        ComplexTensor g2 = ComplexTensor.zeros((int) (gradX2.length() / 2));
        ComplexTensor gw = ComplexTensor.zeros((int) (gradW.length() / 2));
        ComplexTensor gg = ComplexTensor.zeros((int) (gradGradOut.length() / 2));
        product().doubleBackward(planes(x1), planes(x2), planes(w), planes(gradOut), planes(v1), planes(v2),
                planes(vw), g1, g2, gw, gg, batch);
        commit(g1, gradX1);
        commit(g2, gradX2);
        commit(gw, gradW);
        commit(gg, gradGradOut);
    }

    /** A planar buffer [re | im] as a complex tensor. */
    private static ComplexTensor planes(DeviceBuffer buffer) {
        double[] all = DoubleViews.read(buffer);
        int n = all.length / 2;
        return ComplexTensor.of(Arrays.copyOf(all, n), Arrays.copyOfRange(all, n, all.length));
    }

    private static void commit(ComplexTensor value, DeviceBuffer buffer) {
        double[] all = DoubleViews.target(buffer);
        int n = value.length();
        System.arraycopy(value.re(), 0, all, 0, n);
        System.arraycopy(value.im(), 0, all, n, n);
        DoubleViews.commit(all, buffer);
    }
}
