package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DeviceBuffer;
import org.equikern.group.Irreps;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.train.Parameter;

/**
 * A {@link FullyConnectedNet} with e3nn's default variances (the radial MLP, MACE's readout) on a device:
 * each layer {@code h W / sqrt(h_in)} is a {@link Linear} from {@code h_in x 0e} to {@code h_out x 0e}, which
 * normalizes exactly so, and each activation a {@link Gate} of scalars only. Its derivatives are those of the
 * chain of these steps.
 */
final class DeviceMlp implements DeviceLayer {
    private final DeviceSequence sequence;

    /**
     * @param weights the net's weight parameters, one per layer
     * @throws IllegalArgumentException for a net with other variances or an activated output
     */
    DeviceMlp(DeviceResources resources, FullyConnectedNet net, List<Parameter> weights) {
        if (net.varianceIn() != 1 || net.varianceOut() != 1 || net.outActivation()) {
            throw new IllegalArgumentException("DeviceMlp: only e3nn's defaults (variances 1, no output "
                    + "activation) run on a device, got " + net);
        }
        int[] hs = net.hs();
        List<DeviceLayer> layers = new ArrayList<>();
        for (int l = 0; l < net.layerCount(); l++) {
            Irreps in = Irreps.parse(hs[l] + "x0e");
            Irreps out = Irreps.parse(hs[l + 1] + "x0e");
            layers.add(new DeviceLinear(resources, Linear.of(in, out), weights.get(l), 1));
            if (l < net.layerCount() - 1) {
                Irreps none = Irreps.of(List.of());
                layers.add(new DeviceGate(resources, Gate.of(out, List.of(net.activation()), none, List.of(), none)));
            }
        }
        this.sequence = new DeviceSequence(layers);
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        return sequence.forward(call, x);
    }
}
