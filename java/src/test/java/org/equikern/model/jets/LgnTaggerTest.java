package org.equikern.model.jets;

/**
 * {@link TaggerContract} for the LGN-style tagger: 2 channels, 2 layers, MLPs of 8. It fits one batch
 * to 0.074; before {@link LgnTagger#calibrate} scaled its Clebsch–Gordan layers (their tanh MLPs were
 * saturated by invariants of 1e2–1e5, and its weights got gradients of 1e-8) it stalled at 0.675.
 */
class LgnTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new LgnTagger(new LgnTagger.Config(2, 2, 2, 8, 4), seed);
    }
}
