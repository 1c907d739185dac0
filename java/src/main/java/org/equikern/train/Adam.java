package org.equikern.train;

import java.util.Map;

/**
 * Adam with PyTorch 2.x's update rule ({@code torch.optim.Adam}, single-tensor path), in float64.
 * For each parameter θ with gradient g at step t (from 1):
 * <pre>
 *   g  ← g + λθ                          (weight decay, L2 style; {@link AdamW} decays θ instead)
 *   m  ← m + (1 − β1)(g − m)             (torch's lerp_)
 *   v  ← β2 v + (1 − β2) g²
 *   v̂  ← max(v̂, v)                        (amsgrad only; the denominator then uses v̂)
 *   θ  ← θ − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * </pre>
 * The state adds {@code exp_avg.NAME}, {@code exp_avg_sq.NAME} and, with amsgrad,
 * {@code max_exp_avg_sq.NAME} per parameter.
 */
public class Adam extends Optimizer {
    private final Options options;
    private final boolean decoupledWeightDecay;
    private final double[][] expAvg;
    private final double[][] expAvgSq;
    private final double[][] maxExpAvgSq;

    /** Hyperparameters, with PyTorch's defaults; immutable, {@code with…} methods return copies. */
    public static final class Options {
        final double learningRate;
        final double beta1;
        final double beta2;
        final double eps;
        final double weightDecay;
        final boolean amsgrad;

        private Options(double learningRate, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
            checkRange("lr", learningRate, 0, Double.MAX_VALUE, true);
            checkRange("beta1", beta1, 0, 1, false);
            checkRange("beta2", beta2, 0, 1, false);
            checkRange("eps", eps, 0, Double.MAX_VALUE, true);
            checkRange("weight_decay", weightDecay, 0, Double.MAX_VALUE, true);
            this.learningRate = learningRate;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.amsgrad = amsgrad;
        }

        /**
         * torch.optim.Adam's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.
         *
         * @return the options
         */
        public static Options adam() {
            return new Options(1e-3, 0.9, 0.999, 1e-8, 0, false);
        }

        /**
         * torch.optim.AdamW's defaults: as {@link #adam()} with weight_decay 1e-2.
         *
         * @return the options
         */
        public static Options adamW() {
            return adam().weightDecay(1e-2);
        }

        /**
         * The initial learning rate.
         *
         * @return lr
         */
        public double learningRate() {
            return learningRate;
        }

        /**
         * The first-moment decay.
         *
         * @return β1
         */
        public double beta1() {
            return beta1;
        }

        /**
         * The second-moment decay.
         *
         * @return β2
         */
        public double beta2() {
            return beta2;
        }

        /**
         * The denominator term.
         *
         * @return ε
         */
        public double eps() {
            return eps;
        }

        /**
         * The weight decay (L2 for Adam, decoupled for AdamW).
         *
         * @return λ
         */
        public double weightDecay() {
            return weightDecay;
        }

        /**
         * Whether AMSGrad's running maximum is kept.
         *
         * @return true for AMSGrad
         */
        public boolean amsgrad() {
            return amsgrad;
        }

        /**
         * These options with another learning rate.
         *
         * @param lr the learning rate, finite and ≥ 0
         * @return new options
         * @throws IllegalArgumentException for a rate out of range
         */
        public Options learningRate(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /**
         * These options with other moment decays.
         *
         * @param b1 β1, in [0, 1)
         * @param b2 β2, in [0, 1)
         * @return new options
         * @throws IllegalArgumentException for a decay out of range
         */
        public Options betas(double b1, double b2) {
            return new Options(learningRate, b1, b2, eps, weightDecay, amsgrad);
        }

        /**
         * These options with another denominator term.
         *
         * @param e ε, finite and ≥ 0
         * @return new options
         * @throws IllegalArgumentException for ε out of range
         */
        public Options eps(double e) {
            return new Options(learningRate, beta1, beta2, e, weightDecay, amsgrad);
        }

        /**
         * These options with another weight decay (L2 for Adam, decoupled for AdamW).
         *
         * @param wd the decay, finite and ≥ 0
         * @return new options
         * @throws IllegalArgumentException for a decay out of range
         */
        public Options weightDecay(double wd) {
            return new Options(learningRate, beta1, beta2, eps, wd, amsgrad);
        }

        /**
         * These options with or without AMSGrad's running maximum of the second moment.
         *
         * @param on true for AMSGrad
         * @return new options
         */
        public Options amsgrad(boolean on) {
            return new Options(learningRate, beta1, beta2, eps, weightDecay, on);
        }
    }

    /**
     * Adam over {@code parameters}; moments start at zero.
     *
     * @param parameters the parameters to update
     * @param options the hyperparameters
     */
    public Adam(Parameters parameters, Options options) {
        this(parameters, options, false);
    }

    /**
     * The hyperparameters this optimizer was made with.
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * Whether the weight decay is decoupled (AdamW) rather than an L2 term on the gradient (Adam).
     *
     * @return whether this is AdamW
     */
    public boolean decoupledWeightDecay() {
        return decoupledWeightDecay;
    }

    Adam(Parameters parameters, Options options, boolean decoupledWeightDecay) {
        super(parameters, options.learningRate);
        this.options = options;
        this.decoupledWeightDecay = decoupledWeightDecay;
        this.expAvg = zerosLike(parameters);
        this.expAvgSq = zerosLike(parameters);
        this.maxExpAvgSq = options.amsgrad ? zerosLike(parameters) : null;
    }

    @Override
    protected void update(long step) {
        double lr = learningRate();
        double b1 = options.beta1;
        double b2 = options.beta2;
        double wd = options.weightDecay;
        double stepSize = lr / (1 - Math.pow(b1, step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
        double decay = 1 - lr * wd;
        int i = 0;
        for (Parameter p : parameters) {
            double[] theta = p.values();
            double[] grad = p.grad();
            double[] m = expAvg[i];
            double[] v = expAvgSq[i];
            double[] vMax = maxExpAvgSq == null ? null : maxExpAvgSq[i];
            i++;
            for (int k = 0; k < theta.length; k++) {
                double g = grad[k];
                if (decoupledWeightDecay) {
                    theta[k] *= decay;
                } else if (wd != 0) {
                    g = g + wd * theta[k];
                }
                m[k] = m[k] + (1 - b1) * (g - m[k]);
                v[k] = v[k] * b2 + (1 - b2) * (g * g);
                double second = v[k];
                if (vMax != null) {
                    vMax[k] = Math.max(vMax[k], v[k]);
                    second = vMax[k];
                }
                double denom = Math.sqrt(second) / bc2Sqrt + options.eps;
                theta[k] = theta[k] + -stepSize * (m[k] / denom);
            }
        }
    }

    @Override
    protected void putBuffers(Map<String, StoredTensor> state) {
        StateEntries.putPerParameter(state, "exp_avg.", parameters, expAvg);
        StateEntries.putPerParameter(state, "exp_avg_sq.", parameters, expAvgSq);
        if (maxExpAvgSq != null) {
            StateEntries.putPerParameter(state, "max_exp_avg_sq.", parameters, maxExpAvgSq);
        }
    }

    @Override
    protected void loadBuffers(Map<String, StoredTensor> state) {
        double[][] m = StateEntries.perParameter(state, "exp_avg.", parameters);
        double[][] v = StateEntries.perParameter(state, "exp_avg_sq.", parameters);
        double[][] vMax = maxExpAvgSq == null ? null : StateEntries.perParameter(state, "max_exp_avg_sq.", parameters);
        StateEntries.copyInto(m, expAvg);
        StateEntries.copyInto(v, expAvgSq);
        if (vMax != null) {
            StateEntries.copyInto(vMax, maxExpAvgSq);
        }
    }
}
