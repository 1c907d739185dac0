package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/**
 * One run {@code y = op(x, W)} of a {@link DeviceBilinear} op, as {@link BilinearStep} on the host: since op
 * is bilinear, {@code d(∂/∂W <g, op(x, W)>) = ∂/∂W <ġ, op(x, W)> + ∂/∂W <g, op(ẋ, W)>}, so two backward
 * calls give the weights' second-order gradient.
 */
final class DeviceBilinearStep implements DeviceLayer.Step {
    private final DeviceCall call;
    private final DeviceBilinear op;
    private final DeviceBuffer x;
    private final int rows;
    private final DeviceBuffer output;
    private DeviceBuffer gradOut;
    private DeviceBuffer inputTangent;

    /** Runs {@code op} on {@code rows} rows of {@code x}. */
    DeviceBilinearStep(DeviceCall call, DeviceBilinear op, DeviceBuffer x, int rows) {
        this.call = call;
        this.op = op;
        this.x = x;
        this.rows = rows;
        this.output = call.allocate(Math.multiplyExact((long) rows, op.dimOut()));
        op.apply(x, output, rows);
    }

    @Override
    public DeviceBuffer output() {
        return output;
    }

    @Override
    public DeviceBuffer backward(DeviceBuffer gradOut) {
        this.gradOut = gradOut;
        DeviceBuffer gradX = call.allocate(x.length());
        op.backward(x, gradOut, gradX, null, rows);
        return gradX;
    }

    @Override
    public DeviceBuffer tangent(DeviceBuffer inputTangent) {
        this.inputTangent = inputTangent;
        DeviceBuffer out = call.allocate(output.length());
        op.apply(inputTangent, out, rows);
        return out;
    }

    @Override
    public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
        DeviceBuffer gradX = call.allocate(x.length());
        DeviceBuffer gradW = call.allocate(op.weights().length());
        op.backward(x, gradOutTangent, gradX, gradW, rows);
        op.weights().addGradient(gradW);
        op.backward(inputTangent, gradOut, null, gradW, rows);
        op.weights().addGradient(gradW);
        return gradX;
    }
}
