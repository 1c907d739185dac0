package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/**
 * A {@link DeviceLayer.Step} of one op on {@code rows} rows of {@code x}: it keeps the output, the gradient its
 * reverse pass received and the input tangent its tangent pass received, and allocates every result within
 * the call; a subclass runs the op in its constructor and writes each pass's result.
 */
abstract class DeviceRowStep implements DeviceLayer.Step {
    final DeviceCall call;
    final DeviceBuffer x;
    final int rows;
    final DeviceBuffer output;
    DeviceBuffer gradOut;
    DeviceBuffer inputTangent;

    /** Allocates the output, {@code rows} rows of {@code widthOut}. */
    DeviceRowStep(DeviceCall call, DeviceBuffer x, int rows, int widthOut) {
        this.call = call;
        this.x = x;
        this.rows = rows;
        this.output = call.allocate(Math.multiplyExact((long) rows, widthOut));
    }

    /** Writes the gradient on x given {@code gradOut} into {@code gradX}. */
    abstract void writeGradX(DeviceBuffer gradOut, DeviceBuffer gradX);

    /** Writes the output's tangent given the input's {@code inputTangent} into {@code outTangent}. */
    abstract void writeTangent(DeviceBuffer inputTangent, DeviceBuffer outTangent);

    /** Writes the tangent of the gradient on x into {@code gradX}, adding any weight's second-order gradient. */
    abstract void writeTangentBackward(DeviceBuffer gradOutTangent, DeviceBuffer gradX);

    @Override
    public final DeviceBuffer output() {
        return output;
    }

    @Override
    public final DeviceBuffer backward(DeviceBuffer gradOut) {
        this.gradOut = gradOut;
        DeviceBuffer gradX = call.allocate(x.length());
        writeGradX(gradOut, gradX);
        return gradX;
    }

    @Override
    public final DeviceBuffer tangent(DeviceBuffer inputTangent) {
        this.inputTangent = inputTangent;
        DeviceBuffer out = call.allocate(output.length());
        writeTangent(inputTangent, out);
        return out;
    }

    @Override
    public final DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
        DeviceBuffer gradX = call.allocate(x.length());
        writeTangentBackward(gradOutTangent, gradX);
        return gradX;
    }
}
