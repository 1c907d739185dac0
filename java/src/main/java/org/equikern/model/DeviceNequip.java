package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DeviceBuffer;

/** {@link NequipModel}'s network on a device: embedding, interaction blocks, readout. */
final class DeviceNequip implements DeviceTrunk {
    private final DeviceLayer embedding;
    private final List<DeviceLayer> layers;
    private final DeviceLayer readout;

    DeviceNequip(DeviceLayer embedding, List<DeviceLayer> layers, DeviceLayer readout) {
        this.embedding = embedding;
        this.layers = List.copyOf(layers);
        this.readout = readout;
    }

    @Override
    public DeviceBuffer run(DeviceCall call, DeviceBuffer seed) {
        DeviceBuffer nodes = embedding.forward(call, call.oneHot()).output();
        List<DeviceLayer.Step> steps = new ArrayList<>();
        for (DeviceLayer layer : layers) {
            DeviceLayer.Step step = layer.forward(call, nodes);
            steps.add(step);
            nodes = step.output();
        }
        DeviceLayer.Step out = readout.forward(call, nodes);
        // The reverse pass stops at the embedding: nothing position-dependent lies before it.
        DeviceBuffer grad = out.backward(seed);
        for (int i = steps.size() - 1; i >= 0; i--) grad = steps.get(i).backward(grad);
        return out.output();
    }
}
