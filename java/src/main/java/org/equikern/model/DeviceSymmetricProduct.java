package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.train.Parameter;

/**
 * MACE's {@link SymmetricProduct} on a device: the symmetric contraction with each atom's species weights
 * ({@link DeviceCall#species()}), then a linear map.
 */
final class DeviceSymmetricProduct implements DeviceLayer {
    private final SymmetricContractionOp op;
    private final DeviceWeights weights;
    private final DeviceLinear linear;

    DeviceSymmetricProduct(DeviceResources resources, SymmetricContraction contraction, Parameter weight,
            DeviceLinear linear) {
        this.op = resources.own(SymmetricContractionOp.on(resources.device(), contraction, resources.dtype()));
        this.weights = resources.weights(weight, 1);
        this.linear = linear;
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        return new ProductStep(call, x);
    }

    /** One run; the contraction's second-order pieces are its op's tangent and tangent backward. */
    private final class ProductStep implements Step {
        private final DeviceCall call;
        private final DeviceBuffer x;
        private final Step mapped;
        private DeviceBuffer gradContracted;
        private DeviceBuffer inputTangent;

        ProductStep(DeviceCall call, DeviceBuffer x) {
            this.call = call;
            this.x = x;
            DeviceBuffer contracted = call.allocate(
                    Math.multiplyExact((long) call.atoms(), op.contraction().irrepsOut().dim()));
            op.forward(x, call.species(), weights.buffer(), contracted, call.atoms());
            this.mapped = linear.forward(call, contracted);
        }

        @Override
        public DeviceBuffer output() {
            return mapped.output();
        }

        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            gradContracted = mapped.backward(gradOut);
            DeviceBuffer gradX = call.allocate(x.length());
            op.backward(x, call.species(), weights.buffer(), gradContracted, gradX, null, call.atoms());
            return gradX;
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            this.inputTangent = inputTangent;
            DeviceBuffer contractedTangent = call.allocate(gradContracted.length());
            op.tangent(x, inputTangent, call.species(), weights.buffer(), contractedTangent, call.atoms());
            return mapped.tangent(contractedTangent);
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            DeviceBuffer gradContractedTangent = mapped.tangentBackward(gradOutTangent);
            DeviceBuffer gradX = call.allocate(x.length());
            DeviceBuffer gradW = call.allocate(weights.length());
            op.tangentBackward(x, inputTangent, call.species(), weights.buffer(), gradContracted,
                    gradContractedTangent, gradX, gradW, call.atoms());
            weights.addGradient(gradW);
            return gradX;
        }
    }
}
