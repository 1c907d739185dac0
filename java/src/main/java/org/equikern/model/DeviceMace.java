package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DeviceBuffer;

/**
 * {@link MaceModel}'s network on a device: embedding, then layers each followed by its readout, whose outputs
 * add up per atom. The features after a layer feed the next layer and the readout, so their gradient is the
 * sum of both.
 */
final class DeviceMace implements DeviceTrunk {
    private final DeviceLayer embedding;
    private final List<DeviceLayer> layers;
    private final List<DeviceLayer> readouts;

    DeviceMace(DeviceLayer embedding, List<DeviceLayer> layers, List<DeviceLayer> readouts) {
        this.embedding = embedding;
        this.layers = List.copyOf(layers);
        this.readouts = List.copyOf(readouts);
    }

    @Override
    public DeviceBuffer run(DeviceCall call, DeviceBuffer seed) {
        DeviceBuffer nodes = embedding.forward(call, call.oneHot()).output();
        DeviceBuffer perAtom = call.zeros(call.atoms());
        List<DeviceLayer.Step> steps = new ArrayList<>();
        List<DeviceLayer.Step> readoutSteps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            DeviceLayer.Step step = layers.get(i).forward(call, nodes);
            steps.add(step);
            nodes = step.output();
            DeviceLayer.Step readout = readouts.get(i).forward(call, nodes);
            readoutSteps.add(readout);
            call.addInto(perAtom, readout.output());
        }
        DeviceBuffer gradNodes = null;
        for (int i = steps.size() - 1; i >= 0; i--) {
            DeviceBuffer gradOut = readoutSteps.get(i).backward(seed);
            if (gradNodes != null) call.addInto(gradOut, gradNodes);
            gradNodes = steps.get(i).backward(gradOut);
        }
        return perAtom;
    }
}
