package org.equikern.model.jets;

/** {@link TaggerContract} for the LGN-style tagger: 2 channels, 2 layers. */
class LgnTaggerTest extends TaggerContract {
    /**
     * The LGN-style tagger fits one batch less well than the others: 0.413 after 300 steps (chance is
     * ln 2 = 0.693). Before {@link LgnTagger#calibrate} scaled its Clebsch–Gordan layers it stalled at
     * 0.675, its tanh MLPs saturated by invariants of 1e2–1e5. At this learning rate (1e-2) longer
     * training drifts back to chance (0.693 after 1,000 steps): the features are polynomials of degree 2
     * per layer in the weights, and Adam's relative steps on the small calibrated weights compound.
     */
    @Override
    double overfitBound() {
        return 0.5;
    }

    @Override
    JetTagger tagger(long seed) {
        return new LgnTagger(new LgnTagger.Config(2, 2, 2, 4, 3), seed);
    }
}
