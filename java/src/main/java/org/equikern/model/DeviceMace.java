package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.equikern.device.DeviceBuffer;

/**
 * {@link MaceModel}'s network on a device, from the one-hot species to one output per atom: embedding, then
 * layers each followed by its readout, whose outputs add up per atom. The features after a layer feed the next
 * layer and the readout, so their gradient is the sum of both.
 */
final class DeviceMace implements DeviceLayer {
    private final DeviceLayer embedding;
    private final List<DeviceLayer> layers;
    private final List<DeviceLayer> readouts;

    DeviceMace(DeviceLayer embedding, List<DeviceLayer> layers, List<DeviceLayer> readouts) {
        this.embedding = embedding;
        this.layers = List.copyOf(layers);
        this.readouts = List.copyOf(readouts);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer oneHot) {
        Step embedded = embedding.forward(call, oneHot);
        DeviceBuffer nodes = embedded.output();
        DeviceBuffer perAtom = call.zeros(call.atoms());
        List<Step> steps = new ArrayList<>();
        List<Step> readoutSteps = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Step step = layers.get(i).forward(call, nodes);
            steps.add(step);
            nodes = step.output();
            Step readout = readouts.get(i).forward(call, nodes);
            readoutSteps.add(readout);
            call.addInto(perAtom, readout.output());
        }
        return new MaceStep(call, embedded, steps, readoutSteps, perAtom);
    }

    /** One run; the reverse pass and its tangent walk the layers the same way. */
    private record MaceStep(DeviceCall call, Step embedded, List<Step> steps, List<Step> readoutSteps,
            DeviceBuffer output) implements Step {
        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            return reverse(gradOut, Step::backward);
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            DeviceBuffer nodesTangent = embedded.tangent(inputTangent);
            DeviceBuffer perAtomTangent = call.zeros(call.atoms());
            for (int i = 0; i < steps.size(); i++) {
                nodesTangent = steps.get(i).tangent(nodesTangent);
                call.addInto(perAtomTangent, readoutSteps.get(i).tangent(nodesTangent));
            }
            return perAtomTangent;
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            return reverse(gradOutTangent, Step::tangentBackward);
        }

        /** {@code pass} (a step's backward or tangent backward) through the readouts and layers, last first. */
        private DeviceBuffer reverse(DeviceBuffer seed, BiFunction<Step, DeviceBuffer, DeviceBuffer> pass) {
            DeviceBuffer gradNodes = null;
            for (int i = steps.size() - 1; i >= 0; i--) {
                DeviceBuffer gradOut = pass.apply(readoutSteps.get(i), seed);
                if (gradNodes != null) call.addInto(gradOut, gradNodes);
                gradNodes = pass.apply(steps.get(i), gradOut);
            }
            return pass.apply(embedded, gradNodes);
        }
    }
}
