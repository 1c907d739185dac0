package org.equikern.model;

import org.equikern.device.DeviceBuffer;
import org.equikern.nn.Gate;
import org.equikern.ops.gate.GateOp;

/** A {@link Gate} on a device: NequIP's nonlinearity, or the activation of an MLP (scalars only). */
final class DeviceGate implements DeviceLayer {
    private final GateOp op;

    DeviceGate(DeviceResources resources, Gate gate) {
        this.op = resources.own(GateOp.on(resources.device(), gate, resources.dtype()));
    }

    @Override
    public Step forward(DeviceCall call, DeviceBuffer x) {
        return new GateStep(call, x);
    }

    /** One application; no weights, so its tangent backward adds to no gradient. */
    private final class GateStep extends DeviceRowStep {
        GateStep(DeviceCall call, DeviceBuffer x) {
            super(call, x, Math.toIntExact(x.length() / op.gate().irrepsIn().dim()), op.gate().irrepsOut().dim());
            op.forward(x, output, rows);
        }

        @Override
        void writeGradX(DeviceBuffer gradOut, DeviceBuffer gradX) {
            op.backward(x, gradOut, gradX, rows);
        }

        @Override
        void writeTangent(DeviceBuffer inputTangent, DeviceBuffer outTangent) {
            op.tangent(x, inputTangent, outTangent, rows);
        }

        @Override
        void writeTangentBackward(DeviceBuffer gradOutTangent, DeviceBuffer gradX) {
            op.tangentBackward(x, inputTangent, gradOut, gradOutTangent, gradX, rows);
        }
    }
}
