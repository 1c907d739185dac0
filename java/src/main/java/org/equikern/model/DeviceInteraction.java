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
        // The messages' buffer becomes the gate's input: no derivative reads a linear map's output.
        DeviceBuffer gateIn = message.output();
        call.addInto(gateIn, self.output());
        return new InteractionStep(call, message, self, gate.forward(call, gateIn));
    }

    /** One run: the gate after the sum of two branches of the same input. */
    private record InteractionStep(DeviceCall call, Step message, Step self, Step gated) implements Step {
        @Override
        public DeviceBuffer output() {
            return gated.output();
        }

        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            DeviceBuffer gradGateIn = gated.backward(gradOut);
            DeviceBuffer gradX = self.backward(gradGateIn);
            call.addInto(gradX, message.backward(gradGateIn));
            return gradX;
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            DeviceBuffer gateInTangent = message.tangent(inputTangent);
            call.addInto(gateInTangent, self.tangent(inputTangent));
            return gated.tangent(gateInTangent);
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            DeviceBuffer gradGateInTangent = gated.tangentBackward(gradOutTangent);
            DeviceBuffer gradX = self.tangentBackward(gradGateInTangent);
            call.addInto(gradX, message.tangentBackward(gradGateInTangent));
            return gradX;
        }
    }
}
