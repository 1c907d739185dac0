package org.equikern.ops.optimizer;

/**
 * The scalars of one Adam step, computed once on the host in double exactly as {@code train.Adam}
 * computes them, so every backend applies the same per-element formula.
 *
 * @param decoupled AdamW's decoupled decay
 * @param amsgrad AMSGrad's running maximum
 * @param weightDecay λ, added to the gradient as λθ unless decoupled
 * @param decay 1 − lr·λ, the factor on θ when decoupled
 * @param oneMinusBeta1 1 − β1
 * @param beta2 β2
 * @param oneMinusBeta2 1 − β2
 * @param stepSize lr / (1 − β1^t)
 * @param bc2Sqrt √(1 − β2^t)
 * @param eps ε
 */
record AdamStep(boolean decoupled, boolean amsgrad, double weightDecay, double decay, double oneMinusBeta1,
        double beta2, double oneMinusBeta2, double stepSize, double bc2Sqrt, double eps) {
    static AdamStep of(AdamSettings s, long step, double lr) {
        return new AdamStep(s.decoupled(), s.amsgrad(), s.weightDecay(), 1 - lr * s.weightDecay(), 1 - s.beta1(),
                s.beta2(), 1 - s.beta2(), lr / (1 - Math.pow(s.beta1(), step)),
                Math.sqrt(1 - Math.pow(s.beta2(), step)), s.eps());
    }
}
