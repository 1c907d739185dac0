package org.equikern.model.jets;

/** {@link TaggerContract} for the LGN-style tagger: 2 channels, 2 layers. */
class LgnTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new LgnTagger(new LgnTagger.Config(2, 2, 2, 4, 3), seed);
    }
}
