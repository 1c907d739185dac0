package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/**
 * A layer of a model kept on a device ({@link DevicePotential}): its weights are already there; a run reads
 * and writes buffers of one {@link DeviceCall} only.
 */
interface DeviceLayer {
    /** Applies the layer to the rows of {@code x} within {@code call}. */
    Step forward(DeviceCall call, DeviceBuffer x);

    /**
     * One run, which keeps what its derivatives need, differentiated in the order a force-trained model needs
     * (as the host's {@link LayerStep}): {@link #backward} (the reverse pass of the energy, which gives the
     * forces), {@link #tangent} (the forward-mode tangent along a position direction) and
     * {@link #tangentBackward} (the tangent of the reverse pass, which adds the mixed second derivatives into
     * the parameters' gradients). A buffer handed to a step is kept by it and must not change afterwards.
     */
    interface Step {
        /** The output rows. */
        DeviceBuffer output();

        /**
         * The gradient on the input given {@code gradOut} on the output; a layer that reads the edge
         * features adds their gradients into the call's accumulators.
         */
        DeviceBuffer backward(DeviceBuffer gradOut);

        /**
         * The output's tangent given the input's tangent; a layer that reads the edge features takes their
         * tangents from the call ({@link DeviceCall#shTangent()}, {@link DeviceCall#radialTangent()}).
         */
        DeviceBuffer tangent(DeviceBuffer inputTangent);

        /**
         * The tangent of the gradient on the input given the tangent of the gradient on the output; adds each
         * weight's second-order gradient into {@link DeviceParameters#gradients()}. Needs {@link #backward}
         * and {@link #tangent} first.
         */
        DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent);
    }
}
