package org.equikern.ops.optimizer;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;

/**
 * The Java device's {@link OptimizerOp}: the host optimizers' per-element arithmetic in double (bit for
 * bit theirs in FLOAT64), rounded once per buffer for FLOAT32.
 */
final class JavaOptimizerOp extends OptimizerOp {
    JavaOptimizerOp(JavaDevice device, DType dtype) {
        super(device, dtype);
    }

    @Override
    void runAdam(AdamStep s, DeviceBuffer params, DeviceBuffer grads, DeviceBuffer expAvg, DeviceBuffer expAvgSq,
            DeviceBuffer maxExpAvgSq, int n) {
        double[] theta = DoubleViews.read(params);
        double[] grad = DoubleViews.read(grads);
        double[] m = DoubleViews.read(expAvg);
        double[] v = DoubleViews.read(expAvgSq);
        double[] vMax = DoubleViews.read(maxExpAvgSq);
        for (int k = 0; k < n; k++) {
            double g = grad[k];
            if (s.decoupled()) {
                theta[k] *= s.decay();
            } else if (s.weightDecay() != 0) {
                g = g + s.weightDecay() * theta[k];
            }
            m[k] = m[k] + s.oneMinusBeta1() * (g - m[k]);
            v[k] = v[k] * s.beta2() + s.oneMinusBeta2() * (g * g);
            double second = v[k];
            if (vMax != null) {
                vMax[k] = Math.max(vMax[k], v[k]);
                second = vMax[k];
            }
            double denom = Math.sqrt(second) / s.bc2Sqrt() + s.eps();
            theta[k] = theta[k] + -s.stepSize() * (m[k] / denom);
        }
        DoubleViews.commit(theta, params);
        DoubleViews.commit(m, expAvg);
        DoubleViews.commit(v, expAvgSq);
        DoubleViews.commit(vMax, maxExpAvgSq);
    }

    @Override
    void runSgd(SgdSettings settings, boolean first, double lr, DeviceBuffer params, DeviceBuffer grads,
            DeviceBuffer momentumBuffer, int n) {
        double[] theta = DoubleViews.read(params);
        double[] grad = DoubleViews.read(grads);
        double[] buf = DoubleViews.read(momentumBuffer);
        double wd = settings.weightDecay();
        double mu = settings.momentum();
        for (int k = 0; k < n; k++) {
            double g = grad[k];
            if (wd != 0) {
                g = g + wd * theta[k];
            }
            if (buf != null) {
                buf[k] = first ? g : buf[k] * mu + (1 - settings.dampening()) * g;
                g = settings.nesterov() ? g + mu * buf[k] : buf[k];
            }
            theta[k] = theta[k] + -lr * g;
        }
        DoubleViews.commit(theta, params);
        DoubleViews.commit(buf, momentumBuffer);
    }

    @Override
    void runEmaUpdate(double oneMinusDecay, DeviceBuffer params, DeviceBuffer shadow, int n) {
        double[] theta = DoubleViews.read(params);
        double[] s = DoubleViews.read(shadow);
        for (int k = 0; k < n; k++) {
            s[k] = s[k] - (s[k] - theta[k]) * oneMinusDecay;
        }
        DoubleViews.commit(s, shadow);
    }

    @Override
    void runClipByNorm(double maxNorm, DeviceBuffer grads, DeviceBuffer norm, int n) {
        double[] g = DoubleViews.read(grads);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += g[k] * g[k];
        }
        double total = Math.sqrt(sum);
        double coefficient = maxNorm / (total + 1e-6);
        // As clip_grad_norm_: skip only when c >= 1, so a NaN norm propagates.
        if (!(coefficient >= 1)) {
            for (int k = 0; k < n; k++) {
                g[k] *= coefficient;
            }
            DoubleViews.commit(g, grads);
        }
        double[] out = DoubleViews.target(norm);
        out[0] = total;
        DoubleViews.commit(out, norm);
    }
}
