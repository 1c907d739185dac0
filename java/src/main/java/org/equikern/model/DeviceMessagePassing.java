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
        return new MessageStep(call, x);
    }

    /**
     * One run. The convolution is trilinear in (features, harmonics, edge weights): its output's tangent and
     * the tangents of its gradients along the three inputs' tangents are one double backward (the gradient of
     * the backward's outputs paired with those tangents), to which the tangent of its gradient on the output
     * adds a plain backward.
     */
    private final class MessageStep implements Step {
        private final DeviceCall call;
        private final Step in;
        private final Step weights;
        private final Step out;
        private DeviceBuffer gradConvolved;
        private DeviceBuffer gradInAlongTangents;
        private DeviceBuffer gradWeightsAlongTangents;

        MessageStep(DeviceCall call, DeviceBuffer x) {
            this.call = call;
            this.in = linearIn.forward(call, x);
            this.weights = radialMlp.forward(call, call.radial());
            DeviceBuffer convolved = call.allocate(
                    Math.multiplyExact((long) call.atoms(), convolution.plan().dimOut()));
            convolution.convolve(in.output(), call.sh(), weights.output(), call.graph(), convolved,
                    Summation.DETERMINISTIC);
            this.out = linearOut.forward(call, convolved);
        }

        @Override
        public DeviceBuffer output() {
            return out.output();
        }

        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            gradConvolved = out.backward(gradOut);
            DeviceBuffer gradIn = call.allocate(in.output().length());
            DeviceBuffer gradSh = call.allocate(call.sh().length());
            DeviceBuffer gradWeights = call.allocate(weights.output().length());
            convolution.convolveBackward(in.output(), call.sh(), weights.output(), call.graph(), gradConvolved,
                    gradIn, gradSh, gradWeights);
            call.addInto(call.gradSh(), gradSh);
            call.addInto(call.gradRadial(), weights.backward(gradWeights));
            return in.backward(gradIn);
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            DeviceBuffer inTangent = in.tangent(inputTangent);
            DeviceBuffer weightsTangent = weights.tangent(call.radialTangent());
            DeviceBuffer convolvedTangent = call.allocate(gradConvolved.length());
            gradInAlongTangents = call.allocate(in.output().length());
            gradWeightsAlongTangents = call.allocate(weights.output().length());
            convolution.convolveDoubleBackward(in.output(), call.sh(), weights.output(), call.graph(), gradConvolved,
                    inTangent, call.shTangent(), weightsTangent, gradInAlongTangents, null, gradWeightsAlongTangents,
                    convolvedTangent);
            return out.tangent(convolvedTangent);
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            DeviceBuffer gradConvolvedTangent = out.tangentBackward(gradOutTangent);
            DeviceBuffer gradInTangent = call.allocate(in.output().length());
            DeviceBuffer gradWeightsTangent = call.allocate(weights.output().length());
            convolution.convolveBackward(in.output(), call.sh(), weights.output(), call.graph(), gradConvolvedTangent,
                    gradInTangent, null, gradWeightsTangent);
            call.addInto(gradInTangent, gradInAlongTangents);
            call.addInto(gradWeightsTangent, gradWeightsAlongTangents);
            // The radial features' part is dropped: they depend on positions only, no parameter lies behind them.
            weights.tangentBackward(gradWeightsTangent);
            return in.tangentBackward(gradInTangent);
        }
    }
}
