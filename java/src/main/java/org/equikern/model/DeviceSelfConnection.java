package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.train.Parameter;

/**
 * A {@link SelfConnection} on a device: the fully connected product of each atom's features with its one-hot
 * species row ({@link DeviceCall#oneHot()}), bilinear in the features and the weights.
 */
final class DeviceSelfConnection implements DeviceLayer {
    private final TensorProductOp op;
    private final DeviceWeights weights;

    DeviceSelfConnection(DeviceResources resources, Plan plan, Parameter weight) {
        this.op = resources.own(TensorProductOp.on(resources.device(), plan));
        this.weights = resources.weights(weight, 1);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        return new DeviceBilinearStep(call, new WithSpecies(call.oneHot()), x, call.atoms());
    }

    /** The product with the call's one-hot rows bound. */
    private final class WithSpecies implements DeviceBilinear {
        private final DeviceBuffer oneHot;

        WithSpecies(DeviceBuffer oneHot) {
            this.oneHot = oneHot;
        }

        @Override
        public DeviceWeights weights() {
            return weights;
        }

        @Override
        public int dimOut() {
            return op.plan().dimOut();
        }

        @Override
        public void apply(DeviceBuffer x, DeviceBuffer out, int rows) {
            op.forward(x, oneHot, weights.buffer(), out, rows);
        }

        @Override
        public void backward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradWeights,
                int rows) {
            op.backward(x, oneHot, weights.buffer(), gradOut, gradX, null, gradWeights, rows);
        }
    }
}
