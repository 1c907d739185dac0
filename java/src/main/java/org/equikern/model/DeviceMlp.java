package org.equikern.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equikern.device.DeviceBuffer;
import org.equikern.group.Irreps;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;

/**
 * A {@link FullyConnectedNet} with e3nn's default variances (the radial MLP, MACE's readout) on a device:
 * each layer {@code h W / sqrt(h_in)} is a {@link Linear} from {@code h_in x 0e} to {@code h_out x 0e}, which
 * normalizes exactly so, and each activation a {@link Gate} of scalars only.
 */
final class DeviceMlp implements DeviceLayer {
    private final List<DeviceLinear> layers = new ArrayList<>();
    private final List<DeviceGate> activations = new ArrayList<>();

    /**
     * @param weights the net's weights, one layer after the other
     * @throws IllegalArgumentException for a net with other variances or an activated output
     */
    DeviceMlp(DeviceResources resources, FullyConnectedNet net, double[] weights) {
        if (net.varianceIn() != 1 || net.varianceOut() != 1 || net.outActivation()) {
            throw new IllegalArgumentException("DeviceMlp: only e3nn's defaults (variances 1, no output "
                    + "activation) run on a device, got " + net);
        }
        int[] hs = net.hs();
        for (int l = 0; l < net.layerCount(); l++) {
            Irreps in = Irreps.parse(hs[l] + "x0e");
            Irreps out = Irreps.parse(hs[l + 1] + "x0e");
            int offset = net.weightOffset(l);
            double[] w = Arrays.copyOfRange(weights, offset, offset + hs[l] * hs[l + 1]);
            layers.add(new DeviceLinear(resources, Linear.of(in, out), w, 1));
            if (l < net.layerCount() - 1) {
                Irreps none = Irreps.of(List.of());
                activations.add(new DeviceGate(resources,
                        Gate.of(out, List.of(net.activation()), none, List.of(), none)));
            }
        }
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        List<Step> steps = new ArrayList<>();
        DeviceBuffer h = x;
        for (int l = 0; l < layers.size(); l++) {
            steps.add(layers.get(l).forward(call, h));
            if (l < activations.size()) {
                steps.add(activations.get(l).forward(call, steps.get(steps.size() - 1).output()));
            }
            h = steps.get(steps.size() - 1).output();
        }
        DeviceBuffer out = h;
        return Step.of(out, gradOut -> {
            DeviceBuffer g = gradOut;
            for (int i = steps.size() - 1; i >= 0; i--) g = steps.get(i).backward(g);
            return g;
        });
    }
}
