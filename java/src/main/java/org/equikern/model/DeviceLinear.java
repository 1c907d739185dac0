package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.nn.Linear;
import org.equikern.ops.linear.LinearOp;

/** A {@link LinearLayer} on a device, its weights uploaded once (times a constant factor folded into them). */
final class DeviceLinear implements DeviceLayer {
    private final LinearOp op;
    private final DeviceBuffer weights;

    /**
     * @param weights the layer's weights; {@code factor · weights} is uploaded
     * @param factor  a constant the output is multiplied by
     */
    DeviceLinear(DeviceResources resources, Linear linear, double[] weights, double factor) {
        this.op = resources.own(LinearOp.on(resources.device(), linear, resources.dtype()));
        this.weights = resources.scaledUpload(weights, factor);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        int rows = Math.toIntExact(x.length() / op.linear().irrepsIn().dim());
        DeviceBuffer out = call.allocate(Math.multiplyExact((long) rows, op.linear().irrepsOut().dim()));
        op.forward(x, weights, null, out, rows);
        return Step.ofOp(call, x, out, (gradOut, gradX) ->
                op.backward(x, weights, gradOut, gradX, null, null, rows));
    }
}
