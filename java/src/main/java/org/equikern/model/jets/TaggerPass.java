package org.equikern.model.jets;

/** One forward pass of a {@link JetTagger} over a batch, kept for its backward pass. */
public interface TaggerPass {
    /**
     * One logit per jet (signal-ness before the sigmoid); live, do not modify.
     *
     * @return the logits
     */
    double[] logits();

    /**
     * Adds to the tagger's parameter gradients the gradient of Σ_b logits[b]·gradLogits[b]; call
     * {@code parameters().zeroGrad()} first to start from zero.
     *
     * @param gradLogits ∂L/∂logits, one entry per jet
     * @throws IllegalArgumentException unless gradLogits has one entry per jet
     */
    void backward(double[] gradLogits);
}
