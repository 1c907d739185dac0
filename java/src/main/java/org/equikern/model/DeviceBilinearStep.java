package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/**
 * One run {@code y = op(x, W)} of a {@link DeviceBilinear} op, as {@link BilinearStep} on the host: since op
 * is bilinear, {@code d(∂/∂W <g, op(x, W)>) = ∂/∂W <ġ, op(x, W)> + ∂/∂W <g, op(ẋ, W)>}, so two backward
 * calls give the weights' second-order gradient.
 */
final class DeviceBilinearStep extends DeviceRowStep {
    private final DeviceBilinear op;

    /** Runs {@code op} on {@code rows} rows of {@code x}. */
    DeviceBilinearStep(DeviceCall call, DeviceBilinear op, DeviceBuffer x, int rows) {
        super(call, x, rows, op.dimOut());
        this.op = op;
        op.apply(x, output, rows);
    }

    @Override
    void writeGradX(DeviceBuffer gradOut, DeviceBuffer gradX) {
        op.backward(x, gradOut, gradX, null, rows);
    }

    @Override
    void writeTangent(DeviceBuffer inputTangent, DeviceBuffer outTangent) {
        op.apply(inputTangent, outTangent, rows);
    }

    @Override
    void writeTangentBackward(DeviceBuffer gradOutTangent, DeviceBuffer gradX) {
        DeviceBuffer gradW = call.allocate(op.weights().length());
        op.backward(x, gradOutTangent, gradX, gradW, rows);
        op.weights().addGradient(gradW);
        op.backward(inputTangent, gradOut, null, gradW, rows);
        op.weights().addGradient(gradW);
    }
}
