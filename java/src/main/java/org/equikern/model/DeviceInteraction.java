package org.equikern.model;

import org.equikern.device.DeviceBuffer;

/** NequIP's {@link InteractionLayer} on a device: messages plus self-connection, then the gate. */
final class DeviceInteraction implements DeviceLayer {
    private final DeviceLayer messages;
    private final DeviceLayer selfConnection;
    private final DeviceLayer gate;

    DeviceInteraction(DeviceLayer messages, DeviceLayer selfConnection, DeviceLayer gate) {
        this.messages = messages;
        this.selfConnection = selfConnection;
        this.gate = gate;
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        Step message = messages.forward(call, x);
        Step self = selfConnection.forward(call, x);
        // The messages' buffer becomes the gate's input: no reverse pass reads a linear map's output.
        DeviceBuffer gateIn = message.output();
        call.addInto(gateIn, self.output());
        Step gated = gate.forward(call, gateIn);
        return Step.of(gated.output(), gradOut -> {
            DeviceBuffer gradGateIn = gated.backward(gradOut);
            DeviceBuffer gradX = self.backward(gradGateIn);
            call.addInto(gradX, message.backward(gradGateIn));
            return gradX;
        });
    }
}
