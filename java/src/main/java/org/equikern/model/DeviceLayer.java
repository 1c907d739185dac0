package org.equikern.model;

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
    }
}
