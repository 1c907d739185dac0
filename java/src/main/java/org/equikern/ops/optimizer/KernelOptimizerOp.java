package org.equikern.ops.optimizer;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * {@link OptimizerOp} with the kernels of {@code kernels/common/optimizer.h}: one work item per element
 * for the updates; the global norm is a two-level reduction ({@link BatchReduction}) into the norm
 * buffer, whose square root and scale run on the device too.
 */
final class KernelOptimizerOp extends OptimizerOp {
    private static final String PROGRAM = "optimizer";
    private static final KernelSignature ADAM = KernelSignature.of(PROGRAM, "adam", INT, INT, REAL, REAL, REAL,
            REAL, REAL, REAL, REAL, REAL, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature ADAM_AMSGRAD = KernelSignature.of(PROGRAM, "adam_amsgrad", INT, INT, REAL,
            REAL, REAL, REAL, REAL, REAL, REAL, REAL, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature SGD = KernelSignature.of(PROGRAM, "sgd", INT, REAL, REAL, REAL_BUFFER,
            REAL_BUFFER);
    private static final KernelSignature SGD_MOMENTUM = KernelSignature.of(PROGRAM, "sgd_momentum", INT, REAL, REAL,
            REAL, REAL, INT, INT, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature EMA_UPDATE = KernelSignature.of(PROGRAM, "ema_update", INT, REAL,
            REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SUM_SQUARES = KernelSignature.of(PROGRAM, "sum_squares", INT, INT, INT,
            REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SQUARE_ROOT = KernelSignature.of(PROGRAM, "square_root", REAL_BUFFER);
    private static final KernelSignature CLIP_SCALE = KernelSignature.of(PROGRAM, "clip_scale", INT, REAL,
            REAL_BUFFER, REAL_BUFFER);

    private final Device device;
    private final KernelLauncher launcher;

    KernelOptimizerOp(Device device, KernelLauncher launcher, DType dtype) {
        super(device, dtype);
        this.device = device;
        this.launcher = launcher;
    }

    /** A REAL scalar argument travels in the op's precision. */
    private Object real(double value) {
        return dtype() == DType.FLOAT64 ? (Object) value : (Object) (float) value;
    }

    private static int flag(boolean on) {
        return on ? 1 : 0;
    }

    @Override
    void runAdam(AdamStep s, DeviceBuffer params, DeviceBuffer grads, DeviceBuffer expAvg, DeviceBuffer expAvgSq,
            DeviceBuffer maxExpAvgSq, int n) {
        Object[] scalars = {n, flag(s.decoupled()), real(s.weightDecay()), real(s.decay()), real(s.oneMinusBeta1()),
            real(s.beta2()), real(s.oneMinusBeta2()), real(s.stepSize()), real(s.bc2Sqrt()), real(s.eps())};
        if (maxExpAvgSq == null) {
            launcher.launch(ADAM, dtype(), n, append(scalars, params, grads, expAvg, expAvgSq));
        } else {
            launcher.launch(ADAM_AMSGRAD, dtype(), n, append(scalars, params, grads, expAvg, expAvgSq, maxExpAvgSq));
        }
    }

    private static Object[] append(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Override
    void runSgd(SgdSettings settings, boolean first, double lr, DeviceBuffer params, DeviceBuffer grads,
            DeviceBuffer momentumBuffer, int n) {
        if (momentumBuffer == null) {
            launcher.launch(SGD, dtype(), n, n, real(lr), real(settings.weightDecay()), params, grads);
        } else {
            launcher.launch(SGD_MOMENTUM, dtype(), n, n, real(lr), real(settings.weightDecay()),
                    real(settings.momentum()), real(1 - settings.dampening()), flag(first), flag(settings.nesterov()),
                    params, grads, momentumBuffer);
        }
    }

    @Override
    void runEmaUpdate(double oneMinusDecay, DeviceBuffer params, DeviceBuffer shadow, int n) {
        launcher.launch(EMA_UPDATE, dtype(), n, n, real(oneMinusDecay), params, shadow);
    }

    @Override
    void runClipByNorm(double maxNorm, DeviceBuffer grads, DeviceBuffer norm, int n) {
        BatchReduction.run(device, launcher, PROGRAM, dtype(), n, 1, norm,
                (items, slices, chunk, partial) -> launcher.launch(SUM_SQUARES, dtype(), items, n, slices, chunk,
                        grads, partial));
        launcher.launch(SQUARE_ROOT, dtype(), 1, norm);
        if (n > 0) launcher.launch(CLIP_SCALE, dtype(), n, n, real(maxNorm), norm, grads);
    }
}
