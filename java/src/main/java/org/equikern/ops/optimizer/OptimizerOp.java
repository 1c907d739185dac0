package org.equikern.ops.optimizer;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * The optimizer updates of a model whose parameters and gradients are one flat device buffer each
 * ({@code [n]}): an Adam/AdamW step (with AMSGrad), an SGD step (with momentum), the EMA of the
 * weights, and gradient clipping by the global norm. Each applies the formula of the host optimizer
 * of {@code org.equikern.train} ({@code Adam}, {@code SGD}, {@code ExponentialMovingAverage},
 * {@code GradientClipping}) on the device: nothing crosses to the host, the per-step scalars travel as
 * kernel arguments. The state buffers (moments, momentum, shadow) are the caller's. Every argument is
 * validated here, once, before a backend runs.
 *
 * <p>FLOAT64 agrees with the host optimizers to rounding (the kernels compute the same terms in the
 * same order; CUDA may fuse multiply-adds). FLOAT32 kernels compute in float, with the scalars rounded
 * to float: expect float rounding, about 1e-6 relative per step.
 */
public abstract class OptimizerOp extends DeviceOp {
    private static final String ADAM = "OptimizerOp.adam";
    private static final String SGD = "OptimizerOp.sgd";
    private static final String EMA = "OptimizerOp.emaUpdate";
    private static final String CLIP = "OptimizerOp.clipByNorm";

    /**
     * For backends: the op on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every buffer
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected OptimizerOp(Device device, DType dtype) {
        super(device, dtype);
    }

    /**
     * The operation on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static OptimizerOp on(Device device, DType dtype) {
        return Backends.select(device, "OptimizerOp.on", java -> new JavaOptimizerOp(java, dtype),
                kernel -> new KernelOptimizerOp(kernel, kernel, dtype));
    }

    /**
     * One Adam (or, with {@link AdamSettings#decoupled()}, AdamW) step of {@code torch.optim.Adam}:
     * <pre>
     *   θ ← θ(1 − lr·λ) (decoupled), else g ← g + λθ
     *   m ← m + (1 − β1)(g − m);  v ← β2 v + (1 − β2) g²;  v̂ ← max(v̂, v) (amsgrad, then used for v)
     *   θ ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
     * </pre>
     *
     * @param settings the fixed hyperparameters
     * @param step the step number t, from 1
     * @param learningRate this step's rate, finite and ≥ 0 (a schedule's value)
     * @param params θ {@code [n]}, updated
     * @param grads g {@code [n]}, read
     * @param expAvg m {@code [n]}, updated (zero before step 1)
     * @param expAvgSq v {@code [n]}, updated (zero before step 1)
     * @param maxExpAvgSq v̂ {@code [n]} with amsgrad, updated; null without
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException for a step below 1, a rate out of range, a negative n, a missing or
     *     extra v̂, a buffer of another device, dtype or length, or two roles sharing a buffer
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void adam(AdamSettings settings, long step, double learningRate, DeviceBuffer params,
            DeviceBuffer grads, DeviceBuffer expAvg, DeviceBuffer expAvgSq, DeviceBuffer maxExpAvgSq, int n) {
        checkOpen(ADAM);
        if (settings == null) throw new IllegalArgumentException(ADAM + ": settings must not be null");
        checkStep(ADAM, step, learningRate, n);
        checkBuffer(ADAM, "params", params, n, "n");
        checkBuffer(ADAM, "grads", grads, n, "n");
        checkBuffer(ADAM, "expAvg", expAvg, n, "n");
        checkBuffer(ADAM, "expAvgSq", expAvgSq, n, "n");
        checkOptionalState(ADAM, "maxExpAvgSq", maxExpAvgSq, settings.amsgrad(), "amsgrad", n);
        checkDistinct(ADAM, "params", params, "grads", grads, "expAvg", expAvg, "expAvgSq", expAvgSq,
                "maxExpAvgSq", maxExpAvgSq);
        AdamStep scalars = AdamStep.of(settings, step, learningRate);
        if (n > 0) run(ADAM, () -> runAdam(scalars, params, grads, expAvg, expAvgSq, maxExpAvgSq, n));
    }

    /**
     * One SGD step of {@code torch.optim.SGD}:
     * <pre>
     *   g ← g + λθ;  b ← g at step 1, else μb + (1 − τ)g (with momentum);  g ← g + μb (nesterov), else b
     *   θ ← θ − lr · g
     * </pre>
     *
     * @param settings the fixed hyperparameters
     * @param step the step number, from 1 (step 1 starts the momentum buffer)
     * @param learningRate this step's rate, finite and ≥ 0
     * @param params θ {@code [n]}, updated
     * @param grads g {@code [n]}, read
     * @param momentumBuffer b {@code [n]} with momentum, updated; null without
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException for a step below 1, a rate out of range, a negative n, a missing or
     *     extra b, a buffer of another device, dtype or length, or two roles sharing a buffer
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void sgd(SgdSettings settings, long step, double learningRate, DeviceBuffer params,
            DeviceBuffer grads, DeviceBuffer momentumBuffer, int n) {
        checkOpen(SGD);
        if (settings == null) throw new IllegalArgumentException(SGD + ": settings must not be null");
        checkStep(SGD, step, learningRate, n);
        checkBuffer(SGD, "params", params, n, "n");
        checkBuffer(SGD, "grads", grads, n, "n");
        checkOptionalState(SGD, "momentumBuffer", momentumBuffer, settings.hasMomentum(), "momentum != 0", n);
        checkDistinct(SGD, "params", params, "grads", grads, "momentumBuffer", momentumBuffer);
        if (n > 0) run(SGD, () -> runSgd(settings, step == 1, learningRate, params, grads, momentumBuffer, n));
    }

    /**
     * One update of the exponential moving average of the weights, {@code shadow ← shadow − (shadow − θ)(1 − d)}
     * ({@code train.ExponentialMovingAverage}; the caller computes d, e.g. its ramp over the updates).
     *
     * @param decay d, in [0, 1]
     * @param params θ {@code [n]}, read
     * @param shadow the averages {@code [n]}, updated
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException for a decay out of range, a negative n, a buffer of another device,
     *     dtype or length, or {@code shadow} being {@code params}
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void emaUpdate(double decay, DeviceBuffer params, DeviceBuffer shadow, int n) {
        checkOpen(EMA);
        Ranges.check(EMA, "decay", decay, 0, 1, true);
        checkCount(EMA, "n", n);
        checkBuffer(EMA, "params", params, n, "n");
        checkBuffer(EMA, "shadow", shadow, n, "n");
        checkDistinct(EMA, "params", params, "shadow", shadow);
        if (n > 0) run(EMA, () -> runEmaUpdate(1.0 - decay, params, shadow, n));
    }

    /**
     * Clips the gradient by its global 2-norm as {@code torch.nn.utils.clip_grad_norm_}: writes the
     * norm to {@code norm[0]} (a reduction on the device) and scales {@code grads} on the device by
     * {@code min(1, maxNorm / (norm + 1e-6))}; a non-finite norm propagates into the gradient. Nothing is
     * downloaded: read {@code norm} only to log it.
     *
     * @param maxNorm the largest norm, finite and ≥ 0
     * @param grads {@code [n]}, scaled in place
     * @param norm {@code [1]}, receives the norm before clipping
     * @param n the number of elements, ≥ 0
     * @throws IllegalArgumentException for a bound out of range, a negative n, a buffer of another device,
     *     dtype or length, or {@code norm} being {@code grads}
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void clipByNorm(double maxNorm, DeviceBuffer grads, DeviceBuffer norm, int n) {
        checkOpen(CLIP);
        Ranges.check(CLIP, "maxNorm", maxNorm, 0, Double.MAX_VALUE, true);
        checkCount(CLIP, "n", n);
        checkBuffer(CLIP, "grads", grads, n, "n");
        checkBuffer(CLIP, "norm", norm, 1, "one scalar");
        checkDistinct(CLIP, "grads", grads, "norm", norm);
        run(CLIP, () -> runClipByNorm(maxNorm, grads, norm, n));
    }

    private static void checkStep(String call, long step, double learningRate, int n) {
        if (step < 1) throw new IllegalArgumentException(call + ": step = " + step + ": must be >= 1");
        Ranges.check(call, "learningRate", learningRate, 0, Double.MAX_VALUE, true);
        checkCount(call, "n", n);
    }

    /** A state buffer the settings call for ({@code wanted}) must be given, and one they do not must be null. */
    private void checkOptionalState(String call, String role, DeviceBuffer buffer, boolean wanted, String when,
            int n) {
        if (wanted) {
            checkBuffer(call, role, buffer, n, "n, with " + when);
        } else if (buffer != null) {
            throw new IllegalArgumentException(call + ": " + role + " must be null without " + when + ", got "
                    + buffer.name());
        }
    }

    /**
     * {@link #adam} after validation.
     *
     * @param s the step's scalars
     * @param params θ
     * @param grads g
     * @param expAvg m
     * @param expAvgSq v
     * @param maxExpAvgSq v̂, or null without amsgrad
     * @param n the number of elements, ≥ 1
     */
    abstract void runAdam(AdamStep s, DeviceBuffer params, DeviceBuffer grads, DeviceBuffer expAvg,
            DeviceBuffer expAvgSq, DeviceBuffer maxExpAvgSq, int n);

    /**
     * {@link #sgd} after validation.
     *
     * @param settings the hyperparameters
     * @param first whether this is step 1
     * @param lr the rate
     * @param params θ
     * @param grads g
     * @param momentumBuffer b, or null without momentum
     * @param n the number of elements, ≥ 1
     */
    abstract void runSgd(SgdSettings settings, boolean first, double lr, DeviceBuffer params,
            DeviceBuffer grads, DeviceBuffer momentumBuffer, int n);

    /**
     * {@link #emaUpdate} after validation.
     *
     * @param oneMinusDecay 1 − d
     * @param params θ
     * @param shadow the averages
     * @param n the number of elements, ≥ 1
     */
    abstract void runEmaUpdate(double oneMinusDecay, DeviceBuffer params, DeviceBuffer shadow, int n);

    /**
     * {@link #clipByNorm} after validation.
     *
     * @param maxNorm the bound
     * @param grads the gradient
     * @param norm receives the norm
     * @param n the number of elements, ≥ 0
     */
    abstract void runClipByNorm(double maxNorm, DeviceBuffer grads, DeviceBuffer norm, int n);
}
