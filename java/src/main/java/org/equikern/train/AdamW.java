package org.equikern.train;

/**
 * AdamW ({@code torch.optim.AdamW}): {@link Adam} with decoupled weight decay. Each step first
 * shrinks the parameter, θ ← θ(1 − lr·λ), then applies Adam's update to the plain gradient.
 * Use {@link Adam.Options#adamW()} for PyTorch's AdamW defaults (weight_decay 1e-2).
 */
public final class AdamW extends Adam {
    /**
     * AdamW over {@code parameters}; moments start at zero.
     *
     * @param parameters the parameters to update
     * @param options the hyperparameters, weight decay decoupled
     */
    public AdamW(Parameters parameters, Adam.Options options) {
        super(parameters, options, true);
    }
}
