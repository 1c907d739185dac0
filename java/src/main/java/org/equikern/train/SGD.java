package org.equikern.train;

import java.util.Map;

/**
 * Stochastic gradient descent with PyTorch's update rule ({@code torch.optim.SGD}). For each
 * parameter θ with gradient g:
 * <pre>
 *   g ← g + λθ                                         (weight decay)
 *   b ← g at the first step, else μb + (1 − τ)g         (momentum μ, dampening τ; when μ ≠ 0)
 *   g ← g + μb with nesterov, else g ← b
 *   θ ← θ − lr · g
 * </pre>
 * With momentum the state adds {@code momentum_buffer.NAME} per parameter.
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final double[][] buffers;

    /**
     * SGD with PyTorch's momentum, dampening, weight decay and Nesterov options.
     *
     * @param parameters the parameters to update
     * @param learningRate the rate, finite and ≥ 0
     * @param momentum the momentum factor, ≥ 0
     * @param dampening the dampening of the momentum, finite
     * @param weightDecay the L2 penalty, ≥ 0
     * @param nesterov whether to use Nesterov momentum
     * @throws IllegalArgumentException for a negative hyperparameter, or nesterov without momentum or with
     *     dampening (as PyTorch)
     */
    public SGD(Parameters parameters, double learningRate, double momentum, double dampening, double weightDecay,
            boolean nesterov) {
        super(parameters, learningRate);
        checkRange("momentum", momentum, 0, Double.MAX_VALUE, true);
        checkRange("dampening", dampening, -Double.MAX_VALUE, Double.MAX_VALUE, true);
        checkRange("weight_decay", weightDecay, 0, Double.MAX_VALUE, true);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening = 0, given momentum = "
                    + momentum + ", dampening = " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = momentum != 0 ? zerosLike(parameters) : null;
    }

    /**
     * Plain gradient descent, θ ← θ − lr·g.
     *
     * @param parameters the parameters to update
     * @param learningRate the rate, finite and ≥ 0
     */
    public SGD(Parameters parameters, double learningRate) {
        this(parameters, learningRate, 0, 0, 0, false);
    }

    @Override
    protected void update(long step) {
        double lr = learningRate();
        int i = 0;
        for (Parameter p : parameters) {
            double[] theta = p.values();
            double[] grad = p.grad();
            double[] buf = buffers == null ? null : buffers[i];
            i++;
            for (int k = 0; k < theta.length; k++) {
                double g = grad[k];
                if (weightDecay != 0) {
                    g = g + weightDecay * theta[k];
                }
                if (buf != null) {
                    buf[k] = step == 1 ? g : buf[k] * momentum + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buf[k] : buf[k];
                }
                theta[k] = theta[k] + -lr * g;
            }
        }
    }

    @Override
    protected void putBuffers(Map<String, StoredTensor> state) {
        if (buffers != null) {
            StateEntries.putPerParameter(state, "momentum_buffer.", parameters, buffers);
        }
    }

    @Override
    protected void loadBuffers(Map<String, StoredTensor> state) {
        if (buffers != null) {
            StateEntries.copyInto(StateEntries.perParameter(state, "momentum_buffer.", parameters), buffers);
        }
    }
}
