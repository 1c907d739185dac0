package org.equikern.ops.optimizer;

/**
 * The fixed hyperparameters of an SGD update ({@code torch.optim.SGD}); the learning rate changes per
 * step and is passed to {@link OptimizerOp#sgd} instead.
 *
 * @param momentum the momentum factor, finite and ≥ 0; 0 keeps no momentum buffer
 * @param dampening the dampening of the momentum, finite
 * @param weightDecay the L2 penalty, finite and ≥ 0
 * @param nesterov Nesterov momentum; needs momentum &gt; 0 and dampening 0, as PyTorch
 */
public record SgdSettings(double momentum, double dampening, double weightDecay, boolean nesterov) {
    /**
     * Checks every hyperparameter.
     *
     * @param momentum the momentum factor
     * @param dampening the dampening
     * @param weightDecay the L2 penalty
     * @param nesterov Nesterov momentum
     * @throws IllegalArgumentException naming the hyperparameter, its value and its range
     */
    public SgdSettings {
        Ranges.check("SgdSettings", "momentum", momentum, 0, Double.MAX_VALUE, true);
        Ranges.check("SgdSettings", "dampening", dampening, -Double.MAX_VALUE, Double.MAX_VALUE, true);
        Ranges.check("SgdSettings", "weight_decay", weightDecay, 0, Double.MAX_VALUE, true);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SgdSettings: nesterov needs momentum > 0 and dampening = 0, given "
                    + "momentum = " + momentum + ", dampening = " + dampening);
        }
    }

    /**
     * Whether the update keeps a momentum buffer.
     *
     * @return true when momentum ≠ 0
     */
    public boolean hasMomentum() {
        return momentum != 0;
    }
}
