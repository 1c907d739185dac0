package org.equikern.ops.optimizer;

/**
 * The fixed hyperparameters of an Adam or AdamW update ({@code torch.optim.Adam}/{@code AdamW}); the
 * learning rate and step number change per step and are passed to {@link OptimizerOp#adam} instead.
 *
 * @param beta1 the first-moment decay, in [0, 1)
 * @param beta2 the second-moment decay, in [0, 1)
 * @param eps the denominator term, finite and ≥ 0
 * @param weightDecay the weight decay, finite and ≥ 0
 * @param decoupled true for AdamW's decoupled decay (θ scaled by 1 − lr·λ), false for Adam's L2 term on the
 *     gradient
 * @param amsgrad true to keep AMSGrad's running maximum of the second moment
 */
public record AdamSettings(double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
        boolean amsgrad) {
    /**
     * Checks every hyperparameter.
     *
     * @param beta1 the first-moment decay
     * @param beta2 the second-moment decay
     * @param eps the denominator term
     * @param weightDecay the weight decay
     * @param decoupled AdamW's decoupled decay
     * @param amsgrad AMSGrad's running maximum
     * @throws IllegalArgumentException naming the hyperparameter, its value and its range
     */
    public AdamSettings {
        Ranges.check("AdamSettings", "beta1", beta1, 0, 1, false);
        Ranges.check("AdamSettings", "beta2", beta2, 0, 1, false);
        Ranges.check("AdamSettings", "eps", eps, 0, Double.MAX_VALUE, true);
        Ranges.check("AdamSettings", "weight_decay", weightDecay, 0, Double.MAX_VALUE, true);
    }
}
