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
    private final class GateStep implements Step {
        private final DeviceCall call;
        private final DeviceBuffer x;
        private final int rows;
        private final DeviceBuffer output;
        private DeviceBuffer gradOut;
        private DeviceBuffer inputTangent;

        GateStep(DeviceCall call, DeviceBuffer x) {
            this.call = call;
            this.x = x;
            this.rows = Math.toIntExact(x.length() / op.gate().irrepsIn().dim());
            this.output = call.allocate(Math.multiplyExact((long) rows, op.gate().irrepsOut().dim()));
            op.forward(x, output, rows);
        }

        @Override
        public DeviceBuffer output() {
            return output;
        }

        @Override
        public DeviceBuffer backward(DeviceBuffer gradOut) {
            this.gradOut = gradOut;
            DeviceBuffer gradX = call.allocate(x.length());
            op.backward(x, gradOut, gradX, rows);
            return gradX;
        }

        @Override
        public DeviceBuffer tangent(DeviceBuffer inputTangent) {
            this.inputTangent = inputTangent;
            DeviceBuffer out = call.allocate(output.length());
            op.tangent(x, inputTangent, out, rows);
            return out;
        }

        @Override
        public DeviceBuffer tangentBackward(DeviceBuffer gradOutTangent) {
            DeviceBuffer gradX = call.allocate(x.length());
            op.tangentBackward(x, inputTangent, gradOut, gradOutTangent, gradX, rows);
            return gradX;
        }
    }
}
