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
        int rows = Math.toIntExact(x.length() / op.gate().irrepsIn().dim());
        DeviceBuffer out = call.allocate(Math.multiplyExact((long) rows, op.gate().irrepsOut().dim()));
        op.forward(x, out, rows);
        return Step.ofOp(call, x, out, (gradOut, gradX) -> op.backward(x, gradOut, gradX, rows));
    }
}
