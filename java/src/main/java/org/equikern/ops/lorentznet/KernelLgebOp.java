package org.equikern.ops.lorentznet;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * {@link LgebOp} with the kernels of {@code kernels/common/lgeb.h}: one work item per edge, per
 * position component or per (particle, hidden) entry, each gathering over one particle's edges
 * (no atomics, no scratch, no tables).
 */
final class KernelLgebOp extends LgebOp {
    private static final String PROGRAM = "lgeb";
    private static final KernelSignature EDGE_FEATURES = KernelSignature.of(PROGRAM, "lgeb_edge_features",
            INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature EDGE_FEATURES_BACKWARD = KernelSignature.of(PROGRAM,
            "lgeb_edge_features_backward", INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature POSITION_UPDATE = KernelSignature.of(PROGRAM, "lgeb_position_update",
            INT, INT, REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature POSITION_UPDATE_BACKWARD_X = KernelSignature.of(PROGRAM,
            "lgeb_position_update_backward_x", INT, INT, REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature POSITION_UPDATE_BACKWARD_PHI = KernelSignature.of(PROGRAM,
            "lgeb_position_update_backward_phi", INT, INT, REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature MESSAGE_SUM = KernelSignature.of(PROGRAM, "lgeb_message_sum",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature MESSAGE_SUM_BACKWARD = KernelSignature.of(PROGRAM,
            "lgeb_message_sum_backward", INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);

    private final KernelLauncher launcher;

    KernelLgebOp(Device device, KernelLauncher launcher, DType dtype, int hidden, double coefficient) {
        super(device, dtype, hidden, coefficient);
        this.launcher = launcher;
    }

    @Override
    protected void runEdgeFeatures(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer norms, DeviceBuffer dots,
            int batch, int particles) {
        launcher.launch(EDGE_FEATURES, dtype(), norms.length(), batch, particles, counts, x, norms, dots);
    }

    @Override
    protected void runEdgeFeaturesBackward(DeviceBuffer x, DeviceBuffer counts, DeviceBuffer gradNorms,
            DeviceBuffer gradDots, DeviceBuffer gradX, int batch, int particles) {
        launcher.launch(EDGE_FEATURES_BACKWARD, dtype(), gradX.length(), batch, particles, counts, x, gradNorms,
                gradDots, gradX);
    }

    @Override
    protected void runPositionUpdate(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts, DeviceBuffer out,
            int batch, int particles) {
        launcher.launch(POSITION_UPDATE, dtype(), out.length(), batch, particles, real(coefficient()), counts, x, phi,
                out);
    }

    @Override
    protected void runPositionUpdateBackward(DeviceBuffer x, DeviceBuffer phi, DeviceBuffer counts,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradPhi, int batch, int particles) {
        Object c = real(coefficient());
        launcher.launch(POSITION_UPDATE_BACKWARD_X, dtype(), gradX.length(), batch, particles, c, counts, phi, gradOut,
                gradX);
        launcher.launch(POSITION_UPDATE_BACKWARD_PHI, dtype(), gradPhi.length(), batch, particles, c, counts, x,
                gradOut, gradPhi);
    }

    @Override
    protected void runMessageSum(DeviceBuffer m, DeviceBuffer counts, DeviceBuffer sums, int batch, int particles) {
        launcher.launch(MESSAGE_SUM, dtype(), sums.length(), batch, particles, hidden(), counts, m, sums);
    }

    @Override
    protected void runMessageSumBackward(DeviceBuffer gradSums, DeviceBuffer counts, DeviceBuffer gradM, int batch,
            int particles) {
        launcher.launch(MESSAGE_SUM_BACKWARD, dtype(), gradM.length(), batch, particles, hidden(), counts, gradSums,
                gradM);
    }

    /** A REAL scalar travels in the op's precision. */
    private Object real(double value) {
        return dtype() == DType.FLOAT64 ? (Object) value : (Object) (float) value;
    }
}
