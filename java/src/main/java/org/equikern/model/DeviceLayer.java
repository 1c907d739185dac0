package org.equikern.model;

import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.equikern.device.DeviceBuffer;

/**
 * A layer of a model kept on a device ({@link DevicePotential}): its weights are already there; a run reads
 * and writes buffers of one {@link DeviceCall} only.
 */
interface DeviceLayer {
    /** Applies the layer to the rows of {@code x} within {@code call}. */
    Step forward(DeviceCall call, DeviceBuffer x);

    /** One run, which keeps what its reverse pass needs. */
    interface Step {
        /** The output rows. */
        DeviceBuffer output();

        /**
         * The gradient on the input given {@code gradOut} on the output; a layer that reads the edge
         * features adds their gradients into the call's accumulators.
         */
        DeviceBuffer backward(DeviceBuffer gradOut);

        /** A step whose output is {@code out} and whose reverse pass is {@code backward}. */
        static Step of(DeviceBuffer out, UnaryOperator<DeviceBuffer> backward) {
            return new Step() {
                @Override
                public DeviceBuffer output() {
                    return out;
                }

                @Override
                public DeviceBuffer backward(DeviceBuffer gradOut) {
                    return backward.apply(gradOut);
                }
            };
        }

        /**
         * A step of one op call on {@code x}: its reverse pass allocates the gradient on {@code x} within
         * {@code call} and has {@code writeGradX} (given the output's gradient, then that buffer) fill it.
         */
        static Step ofOp(DeviceCall call, DeviceBuffer x, DeviceBuffer out,
                         BiConsumer<DeviceBuffer, DeviceBuffer> writeGradX) {
            return of(out, gradOut -> {
                DeviceBuffer gradX = call.allocate(x.length());
                writeGradX.accept(gradOut, gradX);
                return gradX;
            });
        }
    }
}
