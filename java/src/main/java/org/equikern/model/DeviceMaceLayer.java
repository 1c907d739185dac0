package org.equikern.model;

import java.util.List;
import org.equikern.device.DeviceBuffer;

/**
 * A {@link MaceLayer} on a device: the interaction's messages, the species-dependent skip connection (on the
 * messages in the first layer, a residual of the input after) and the symmetric product.
 */
final class DeviceMaceLayer implements DeviceLayer {
    private final DeviceLayer messages;
    private final DeviceLayer skip;
    private final boolean residual;
    private final DeviceLayer product;

    DeviceMaceLayer(DeviceLayer messages, DeviceLayer skip, boolean residual, DeviceLayer product) {
        this.messages = messages;
        this.skip = skip;
        this.residual = residual;
        this.product = product;
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        Step message = messages.forward(call, x);
        if (!residual) {
            Step skipped = skip.forward(call, message.output());
            return DeviceSequence.chain(List.of(message, skipped, product.forward(call, skipped.output())));
        }
        Step skipped = skip.forward(call, x);
        Step produced = product.forward(call, message.output());
        // The product's buffer becomes the layer's output: no derivative reads a linear map's output.
        call.addInto(produced.output(), skipped.output());
        return new ResidualStep(call, message, skipped, produced);
    }

    /** One run of a layer after the first: the product of the messages plus the skip of the input. */
    private record ResidualStep(DeviceCall call, Step message, Step skipped, Step produced) implements Step {
        @Override
        public DeviceBuffer output() {
            return produced.output();
        }

        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            DeviceBuffer gradX = skipped.backward(gradOut);
            call.addInto(gradX, message.backward(produced.backward(gradOut)));
            return gradX;
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            DeviceBuffer outTangent = produced.tangent(message.tangent(inputTangent));
            call.addInto(outTangent, skipped.tangent(inputTangent));
            return outTangent;
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            DeviceBuffer gradX = skipped.tangentBackward(gradOutTangent);
            call.addInto(gradX, message.tangentBackward(produced.tangentBackward(gradOutTangent)));
            return gradX;
        }
    }
}
