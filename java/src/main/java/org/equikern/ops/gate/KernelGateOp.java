package org.equikern.ops.gate;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.nn.Gate;

/**
 * A gate with the kernels of {@code kernels/common/gate.h}, on OpenCL or CUDA: one work item per
 * (sample, scalar or gate). The channel tables and activation constants ({@link GateTables}) are
 * uploaded once, when the op is made.
 */
final class KernelGateOp extends GateOp {
    private static final String PROGRAM = "gate";
    private static final KernelSignature GATE_FORWARD = KernelSignature.of(PROGRAM, "gate_forward",
            INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GATE_BACKWARD = KernelSignature.of(PROGRAM, "gate_backward",
            INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GATE_TANGENT = KernelSignature.of(PROGRAM, "gate_tangent",
            INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GATE_TANGENT_BACKWARD = KernelSignature.of(PROGRAM,
            "gate_tangent_backward", INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer channels;
    private final DeviceBuffer constants;
    private final int channelCount;

    KernelGateOp(Device device, KernelLauncher launcher, DType dtype, Gate gate) {
        super(device, dtype, gate);
        this.launcher = launcher;
        this.channelCount = gate.layout().scalarCount() + gate.layout().gateCount();
        this.tables = new DeviceTables(device, dtype);
        try {
            this.channels = tables.ints(GateTables.channels(gate.layout()));
            this.constants = tables.reals(GateTables.constants(gate.layout()));
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer out, int batch) {
        launcher.launch(GATE_FORWARD, dtype(), (long) batch * channelCount, batch, dimIn(), dimOut(),
                channelCount, channels, constants, x, out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        launcher.launch(GATE_BACKWARD, dtype(), (long) batch * channelCount, batch, dimIn(), dimOut(),
                channelCount, channels, constants, x, gradOut, gradX);
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer outTangent, int batch) {
        launcher.launch(GATE_TANGENT, dtype(), (long) batch * channelCount, batch, dimIn(), dimOut(),
                channelCount, channels, constants, x, xTangent, outTangent);
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer gradOut,
                                      DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, int batch) {
        launcher.launch(GATE_TANGENT_BACKWARD, dtype(), (long) batch * channelCount, batch, dimIn(), dimOut(),
                channelCount, channels, constants, x, xTangent, gradOut, gradOutTangent, gradXTangent);
    }

    private int dimIn() {
        return gate().irrepsIn().dim();
    }

    private int dimOut() {
        return gate().irrepsOut().dim();
    }

    @Override
    protected void release() {
        tables.close();
    }
}
