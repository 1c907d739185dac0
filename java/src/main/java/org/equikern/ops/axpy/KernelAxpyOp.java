package org.equikern.ops.axpy;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/** {@link AxpyOp} with the kernel of {@code kernels/common/axpy.h}: one work item per element. */
final class KernelAxpyOp extends AxpyOp {
    private static final KernelSignature AXPY = KernelSignature.of("axpy", "axpy", INT, REAL, REAL_BUFFER, INT,
            REAL_BUFFER, INT);

    private final KernelLauncher launcher;

    KernelAxpyOp(Device device, KernelLauncher launcher, DType dtype) {
        super(device, dtype);
        this.launcher = launcher;
    }

    @Override
    protected void runAxpy(double alpha, DeviceBuffer x, int xOffset, DeviceBuffer y, int yOffset, int n) {
        // A REAL scalar travels in the op's precision.
        Object factor = dtype() == DType.FLOAT64 ? (Object) alpha : (Object) (float) alpha;
        launcher.launch(AXPY, dtype(), n, n, factor, x, xOffset, y, yOffset);
    }
}
