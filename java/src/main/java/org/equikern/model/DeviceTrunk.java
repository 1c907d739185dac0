package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/** The network of an atom-centred model on a device, from the one-hot species and edge features to one output per atom. */
interface DeviceTrunk {
    /**
     * Runs the network on {@code call}, then its reverse pass from {@code seed} on each atom's output, which adds
     * the gradients on the edge features into the call's accumulators.
     *
     * @param seed {@code [atoms]} the gradient on each atom's output
     * @return {@code [atoms]} the outputs
     */
    DeviceBuffer run(DeviceCall call, DeviceBuffer seed);
}
