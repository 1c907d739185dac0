package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;

/**
 * A {@link SelfConnection} on a device: the fully connected product of each atom's features with its one-hot
 * species row ({@link DeviceCall#oneHot()}).
 */
final class DeviceSelfConnection implements DeviceLayer {
    private final TensorProductOp op;
    private final DeviceBuffer weights;

    DeviceSelfConnection(DeviceResources resources, Plan plan, double[] weights) {
        this.op = resources.own(TensorProductOp.on(resources.device(), plan));
        this.weights = resources.upload(weights);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        int atoms = call.atoms();
        DeviceBuffer out = call.allocate(Math.multiplyExact((long) atoms, op.plan().dimOut()));
        op.forward(x, call.oneHot(), weights, out, atoms);
        return Step.ofOp(call, x, out, (gradOut, gradX) ->
                op.backward(x, call.oneHot(), weights, gradOut, gradX, null, null, atoms));
    }
}
