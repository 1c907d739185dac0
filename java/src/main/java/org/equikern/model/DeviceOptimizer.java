package org.equikern.model;

import java.util.function.Function;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.ops.optimizer.AdamSettings;
import org.equikern.ops.optimizer.OptimizerOp;
import org.equikern.ops.optimizer.SgdSettings;
import org.equikern.train.Adam;

/**
 * The device twin of the host optimizers {@link org.equikern.train.Adam}, {@link org.equikern.train.AdamW}
 * and {@link org.equikern.train.SGD} for a model whose parameters and gradients are one flat device buffer
 * each: the moments (or momentum) live on the device, and each {@link #step} runs the host optimizer's
 * formula there with the learning rate of that step passed as a kernel scalar (set it from a schedule with
 * {@link #setLearningRate}, e.g. {@code CosineWarmupSchedule.learningRate(step)}).
 *
 * <p>Host transfers: {@link #step} and {@link #clipGradNorm} make none; {@link #gradNorm()} downloads one
 * scalar, for logging. The state buffers are zero at the start and freed by {@link #close()}.
 */
public final class DeviceOptimizer implements AutoCloseable {
    /** One optimizer's update of the flat buffers at a step, with its state buffers bound. */
    @FunctionalInterface
    private interface Rule {
        void apply(OptimizerOp op, long step, double lr, DeviceBuffer params, DeviceBuffer grads);
    }

    private final OptimizerOp op;
    private final MemoryScope state;
    private final DeviceBuffer norm;
    private final DeviceBuffer[] stateBuffers;
    private final Rule rule;
    private final int n;
    private double learningRate;
    private long steps;

    private DeviceOptimizer(Device device, DType dtype, int n, double learningRate, int stateBuffers,
            Function<DeviceBuffer[], Rule> bind) {
        if (n < 0) throw new IllegalArgumentException("DeviceOptimizer: n = " + n + ": must be >= 0");
        setLearningRate(learningRate);
        this.n = n;
        this.op = OptimizerOp.on(device, dtype);
        this.state = device.openScope();
        DeviceBuffer[] buffers = new DeviceBuffer[stateBuffers];
        for (int i = 0; i < stateBuffers; i++) {
            buffers[i] = state.allocate(dtype, n);
            buffers[i].zero();
        }
        this.norm = state.allocate(dtype, 1);
        this.stateBuffers = buffers;
        this.rule = bind.apply(buffers);
    }

    /**
     * Adam ({@code torch.optim.Adam}, L2 weight decay) over {@code n} parameters.
     *
     * @param device the device of the parameters
     * @param dtype their dtype
     * @param options the host optimizer's hyperparameters, its learning rate the initial one
     * @param n the number of parameters, ≥ 0
     * @return the optimizer, owned by the caller
     * @throws IllegalArgumentException for a negative n, or a dtype the device lacks
     */
    public static DeviceOptimizer adam(Device device, DType dtype, Adam.Options options, int n) {
        return adamFamily(device, dtype, options, false, n);
    }

    /**
     * AdamW ({@code torch.optim.AdamW}, decoupled weight decay) over {@code n} parameters.
     *
     * @param device the device of the parameters
     * @param dtype their dtype
     * @param options the host optimizer's hyperparameters, its learning rate the initial one
     * @param n the number of parameters, ≥ 0
     * @return the optimizer, owned by the caller
     * @throws IllegalArgumentException for a negative n, or a dtype the device lacks
     */
    public static DeviceOptimizer adamW(Device device, DType dtype, Adam.Options options, int n) {
        return adamFamily(device, dtype, options, true, n);
    }

    private static DeviceOptimizer adamFamily(Device device, DType dtype, Adam.Options options, boolean decoupled,
            int n) {
        AdamSettings s = new AdamSettings(options.beta1(), options.beta2(), options.eps(), options.weightDecay(),
                decoupled, options.amsgrad());
        return new DeviceOptimizer(device, dtype, n, options.learningRate(), s.amsgrad() ? 3 : 2,
                st -> (op, step, lr, params, grads) -> op.adam(s, step, lr, params, grads, st[0], st[1],
                        s.amsgrad() ? st[2] : null, n));
    }

    /**
     * SGD ({@code torch.optim.SGD}), with the arguments of the host {@link org.equikern.train.SGD}.
     *
     * @param device the device of the parameters
     * @param dtype their dtype
     * @param n the number of parameters, ≥ 0
     * @param learningRate the initial rate, finite and ≥ 0
     * @param momentum the momentum factor, ≥ 0
     * @param dampening the dampening of the momentum
     * @param weightDecay the L2 penalty, ≥ 0
     * @param nesterov Nesterov momentum
     * @return the optimizer, owned by the caller
     * @throws IllegalArgumentException for a hyperparameter out of range, a negative n, or a dtype the device
     *     lacks
     */
    public static DeviceOptimizer sgd(Device device, DType dtype, int n, double learningRate, double momentum,
            double dampening, double weightDecay, boolean nesterov) {
        SgdSettings s = new SgdSettings(momentum, dampening, weightDecay, nesterov);
        return new DeviceOptimizer(device, dtype, n, learningRate, s.hasMomentum() ? 1 : 0,
                st -> (op, step, lr, params, grads) -> op.sgd(s, step, lr, params, grads,
                        s.hasMomentum() ? st[0] : null, n));
    }

    /**
     * One update of {@code params} from {@code grads} at the current learning rate; no host transfer.
     *
     * @param params the flat parameters {@code [n]}, updated
     * @param grads the flat gradient {@code [n]}, read
     * @throws IllegalArgumentException for a buffer of another device, dtype or length (the step is not
     *     counted)
     * @throws IllegalStateException when the optimizer, its device or a buffer is closed
     */
    public void step(DeviceBuffer params, DeviceBuffer grads) {
        rule.apply(op, steps + 1, learningRate, params, grads);
        steps++;
    }

    /**
     * Clips {@code grads} by their global 2-norm on the device ({@code clip_grad_norm_}); the norm stays on
     * the device until {@link #gradNorm()} reads it.
     *
     * @param grads the flat gradient {@code [n]}, scaled in place
     * @param maxNorm the largest norm, finite and ≥ 0
     * @throws IllegalArgumentException for a bound out of range or a buffer of another device, dtype or length
     * @throws IllegalStateException when the optimizer, its device or a buffer is closed
     */
    public void clipGradNorm(DeviceBuffer grads, double maxNorm) {
        op.clipByNorm(maxNorm, grads, norm, n);
    }

    /**
     * The gradient norm before the last {@link #clipGradNorm} (0 before any): one download of one scalar.
     *
     * @return the norm
     */
    public double gradNorm() {
        return op.dtype() == DType.FLOAT64 ? norm.toDoubleArray()[0] : norm.toFloatArray()[0];
    }

    /**
     * The learning rate of the next step.
     *
     * @return the rate
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate of the next steps (what a schedule does).
     *
     * @param learningRate the rate, finite and ≥ 0
     * @throws IllegalArgumentException for a rate out of range
     */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("DeviceOptimizer: learning rate = " + learningRate
                    + ": must be finite and >= 0");
        }
        this.learningRate = learningRate;
    }

    /**
     * The number of steps taken.
     *
     * @return the count
     */
    public long steps() {
        return steps;
    }

    /**
     * The state buffers, each {@code [n]}: Adam's m, v (and v̂ with AMSGrad), or SGD's momentum; for a trainer that
     * saves and restores them.
     */
    DeviceBuffer[] stateBuffers() {
        return stateBuffers.clone();
    }

    /** Continues a run after {@code steps} steps whose state was copied into {@link #stateBuffers()}. */
    void restoreSteps(long steps) {
        if (steps < 0) throw new IllegalArgumentException("DeviceOptimizer: steps = " + steps + ": must be >= 0");
        this.steps = steps;
    }

    /** Frees the state buffers and the op; idempotent. */
    @Override
    public void close() {
        state.close();
        op.close();
    }
}
