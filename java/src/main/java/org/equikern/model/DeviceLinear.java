package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.nn.Linear;
import org.equikern.ops.linear.LinearOp;
import org.equikern.train.Parameter;

/** A {@link LinearLayer} on a device, its weights one parameter's (times a constant factor folded into them). */
final class DeviceLinear implements DeviceLayer, DeviceBilinear {
    private final LinearOp op;
    private final DeviceWeights weights;

    /**
     * @param weight the layer's weight parameter
     * @param factor a constant the output is multiplied by
     */
    DeviceLinear(DeviceResources resources, Linear linear, Parameter weight, double factor) {
        this.op = resources.own(LinearOp.on(resources.device(), linear, resources.dtype()));
        this.weights = resources.weights(weight, factor);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        return new DeviceBilinearStep(call, this, x, Math.toIntExact(x.length() / op.linear().irrepsIn().dim()));
    }

    @Override
    public DeviceWeights weights() {
        return weights;
    }

    @Override
    public int dimOut() {
        return op.linear().irrepsOut().dim();
    }

    @Override
    public void apply(DeviceBuffer x, DeviceBuffer out, int rows) {
        op.forward(x, weights.buffer(), null, out, rows);
    }

    @Override
    public void backward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradWeights,
            int rows) {
        op.backward(x, weights.buffer(), gradOut, gradX, gradWeights, null, rows);
    }
}
