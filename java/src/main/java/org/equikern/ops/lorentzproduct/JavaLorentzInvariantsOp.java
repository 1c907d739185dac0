package org.equikern.ops.lorentzproduct;

import static org.equikern.ops.lorentzproduct.PlanarBuffers.commit;
import static org.equikern.ops.lorentzproduct.PlanarBuffers.read;
import static org.equikern.ops.lorentzproduct.PlanarBuffers.zerosLike;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.JavaDevice;

/**
 * The Java device's {@link LorentzInvariantsOp}: {@link LorentzInvariants} itself in double on the
 * planes of each buffer, each output rounded once for FLOAT32.
 */
final class JavaLorentzInvariantsOp extends LorentzInvariantsOp {
    JavaLorentzInvariantsOp(JavaDevice device, DType dtype, LorentzInvariants invariants) {
        super(device, dtype, invariants);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer out, int batch) {
        ComplexTensor result = zerosLike(out);
        invariants().forward(read(x), result, batch);
        commit(result, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        ComplexTensor result = zerosLike(gradX);
        invariants().backward(read(x), read(gradOut), result, batch);
        commit(result, gradX);
    }

    @Override
    protected void runDoubleBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer v, DeviceBuffer gradX,
            DeviceBuffer gradGradOut, int batch) {
        ComplexTensor gx = zerosLike(gradX);
        ComplexTensor gg = zerosLike(gradGradOut);
        invariants().doubleBackward(read(x), read(gradOut), read(v), gx, gg, batch);
        commit(gx, gradX);
        commit(gg, gradGradOut);
    }
}
