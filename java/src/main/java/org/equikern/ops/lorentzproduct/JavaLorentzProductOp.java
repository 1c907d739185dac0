package org.equikern.ops.lorentzproduct;

import static org.equikern.ops.lorentzproduct.PlanarBuffers.commit;
import static org.equikern.ops.lorentzproduct.PlanarBuffers.read;
import static org.equikern.ops.lorentzproduct.PlanarBuffers.zerosLike;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
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
        ComplexTensor result = zerosLike(out);
        product().forward(read(x1), read(x2), read(w), result, batch);
        commit(result, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradW, int batch) {
        ComplexTensor g1 = zerosLike(gradX1);
        ComplexTensor g2 = zerosLike(gradX2);
        ComplexTensor gw = zerosLike(gradW);
        product().backward(read(x1), read(x2), read(w), read(gradOut), g1, g2, gw, batch);
        commit(g1, gradX1);
        commit(g2, gradX2);
        commit(gw, gradW);
    }

    @Override
    protected void runDoubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vw, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradW, DeviceBuffer gradGradOut, int batch) {
        ComplexTensor g1 = zerosLike(gradX1);
        ComplexTensor g2 = zerosLike(gradX2);
        ComplexTensor gw = zerosLike(gradW);
        ComplexTensor gg = zerosLike(gradGradOut);
        product().doubleBackward(read(x1), read(x2), read(w), read(gradOut), read(v1), read(v2),
                read(vw), g1, g2, gw, gg, batch);
        commit(g1, gradX1);
        commit(g2, gradX2);
        commit(gw, gradW);
        commit(gg, gradGradOut);
    }
}
