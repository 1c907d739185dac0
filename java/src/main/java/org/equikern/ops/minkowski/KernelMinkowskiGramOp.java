package org.equikern.ops.minkowski;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * {@link MinkowskiGramOp} with the kernels of {@code kernels/common/minkowski_gram.h}: one work item
 * per Gram entry forward, one per momentum component backward. No tables.
 */
final class KernelMinkowskiGramOp extends MinkowskiGramOp {
    private static final String PROGRAM = "minkowski_gram";
    private static final KernelSignature FORWARD = KernelSignature.of(PROGRAM, "minkowski_gram_forward",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature BACKWARD = KernelSignature.of(PROGRAM, "minkowski_gram_backward",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;

    KernelMinkowskiGramOp(Device device, KernelLauncher launcher, DType dtype) {
        super(device, dtype);
        this.launcher = launcher;
    }

    @Override
    protected void runForward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gram, int batch,
            int particles) {
        launcher.launch(FORWARD, dtype(), gram.length(), batch, particles, counts, momenta, gram);
    }

    @Override
    protected void runBackward(DeviceBuffer momenta, DeviceBuffer counts, DeviceBuffer gradGram,
            DeviceBuffer gradMomenta, int batch, int particles) {
        launcher.launch(BACKWARD, dtype(), gradMomenta.length(), batch, particles, counts, momenta, gradGram,
                gradMomenta);
    }
}
