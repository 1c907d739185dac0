package org.equikern.ops.scale;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/** {@link ScaleOp} with the kernel of {@code kernels/common/scale.h}: one work item per element. */
final class KernelScaleOp extends ScaleOp {
    private static final String PROGRAM = "scale";
    private static final KernelSignature SCALE_FORWARD = KernelSignature.of(PROGRAM, "scale_forward",
            INT, REAL, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;

    KernelScaleOp(Device device, KernelLauncher launcher, DType dtype, double factor) {
        super(device, dtype, factor);
        this.launcher = launcher;
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer y, int n) {
        // A REAL scalar travels as the op's precision.
        Object factor = dtype() == DType.FLOAT64 ? (Object) factor() : (Object) (float) factor();
        launcher.launch(SCALE_FORWARD, dtype(), n, n, factor, x, y);
    }
}
