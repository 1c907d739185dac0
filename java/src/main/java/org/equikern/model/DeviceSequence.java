package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DeviceBuffer;

/** Layers applied one after the other, each to the previous one's output; a run is a chain of steps. */
final class DeviceSequence implements DeviceLayer {
    private final List<DeviceLayer> layers;

    DeviceSequence(List<? extends DeviceLayer> layers) {
        this.layers = List.copyOf(layers);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        List<Step> steps = new ArrayList<>();
        DeviceBuffer h = x;
        for (DeviceLayer layer : layers) {
            Step step = layer.forward(call, h);
            steps.add(step);
            h = step.output();
        }
        return chain(steps);
    }

    /** The run of {@code steps}, each applied to the previous one's output, as one step. */
    static Step chain(List<Step> steps) {
        return new Chain(List.copyOf(steps));
    }

    /** The steps of one run: derivatives forward or in reverse through them. */
    private record Chain(List<Step> steps) implements Step {
        @Override
        public DeviceBuffer output() {
            return steps.get(steps.size() - 1).output();
        }

        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            DeviceBuffer g = gradOut;
            for (int i = steps.size() - 1; i >= 0; i--) g = steps.get(i).backward(g);
            return g;
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            DeviceBuffer t = inputTangent;
            for (Step step : steps) t = step.tangent(t);
            return t;
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            DeviceBuffer g = gradOutTangent;
            for (int i = steps.size() - 1; i >= 0; i--) g = steps.get(i).tangentBackward(g);
            return g;
        }
    }
}
