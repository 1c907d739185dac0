package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;

/**
 * MACE's {@link SymmetricProduct} on a device: the symmetric contraction with each atom's species weights
 * ({@link DeviceCall#species()}), then a linear map.
 */
final class DeviceSymmetricProduct implements DeviceLayer {
    private final SymmetricContractionOp op;
    private final DeviceBuffer weights;
    private final DeviceLinear linear;

    DeviceSymmetricProduct(DeviceResources resources, SymmetricContraction contraction, double[] weights,
            DeviceLinear linear) {
        this.op = resources.own(SymmetricContractionOp.on(resources.device(), contraction, resources.dtype()));
        this.weights = resources.upload(weights);
        this.linear = linear;
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        int atoms = call.atoms();
        DeviceBuffer contracted = call.allocate(
                Math.multiplyExact((long) atoms, op.contraction().irrepsOut().dim()));
        op.forward(x, call.species(), weights, contracted, atoms);
        Step mapped = linear.forward(call, contracted);
        return Step.of(mapped.output(), gradOut -> {
            DeviceBuffer gradContracted = mapped.backward(gradOut);
            DeviceBuffer gradX = call.allocate(x.length());
            op.backward(x, call.species(), weights, gradContracted, gradX, null, atoms);
            return gradX;
        });
    }
}
