package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.Summation;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;

/**
 * {@link MessagePassing} on a device: the first linear map, the radial MLP on the edges' radial features,
 * the fused convolution with the harmonics (edges summed per receiver in a fixed order) and the last linear
 * map, whose weights carry the convolution's normalization. The reverse pass adds the gradients on the
 * harmonics and radial features into the call's accumulators.
 */
final class DeviceMessagePassing implements DeviceLayer {
    private final DeviceLinear linearIn;
    private final DeviceLayer radialMlp;
    private final TensorProductOp convolution;
    private final DeviceLinear linearOut;

    /** @param linearOut the last linear map, its weights times the convolution's normalization */
    DeviceMessagePassing(DeviceResources resources, DeviceLinear linearIn, DeviceLayer radialMlp, Plan convolution,
            DeviceLinear linearOut) {
        this.linearIn = linearIn;
        this.radialMlp = radialMlp;
        this.convolution = resources.own(TensorProductOp.on(resources.device(), convolution));
        this.linearOut = linearOut;
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        Step in = linearIn.forward(call, x);
        Step weights = radialMlp.forward(call, call.radial());
        DeviceBuffer convolved = call.allocate(Math.multiplyExact((long) call.atoms(), convolution.plan().dimOut()));
        convolution.convolve(in.output(), call.sh(), weights.output(), call.graph(), convolved,
                Summation.DETERMINISTIC);
        Step out = linearOut.forward(call, convolved);
        return Step.of(out.output(), gradOut -> {
            DeviceBuffer gradConvolved = out.backward(gradOut);
            DeviceBuffer gradIn = call.allocate(in.output().length());
            DeviceBuffer gradSh = call.allocate(call.sh().length());
            DeviceBuffer gradWeights = call.allocate(weights.output().length());
            convolution.convolveBackward(in.output(), call.sh(), weights.output(), call.graph(), gradConvolved,
                    gradIn, gradSh, gradWeights);
            call.addInto(call.gradSh(), gradSh);
            call.addInto(call.gradRadial(), weights.backward(gradWeights));
            return in.backward(gradIn);
        });
    }
}
