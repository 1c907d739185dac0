package org.equikern.model;

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
            Step produced = product.forward(call, skipped.output());
            return Step.of(produced.output(),
                    gradOut -> message.backward(skipped.backward(produced.backward(gradOut))));
        }
        Step skipped = skip.forward(call, x);
        Step produced = product.forward(call, message.output());
        // The product's buffer becomes the layer's output: no reverse pass reads a linear map's output.
        call.addInto(produced.output(), skipped.output());
        return Step.of(produced.output(), gradOut -> {
            DeviceBuffer gradX = skipped.backward(gradOut);
            call.addInto(gradX, message.backward(produced.backward(gradOut)));
            return gradX;
        });
    }
}
