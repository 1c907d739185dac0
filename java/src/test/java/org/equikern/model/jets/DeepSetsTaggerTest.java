package org.equikern.model.jets;

/** {@link TaggerContract} for the non-invariant Deep Sets baseline. */
class DeepSetsTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new DeepSetsTagger(new DeepSetsTagger.Config(5, 2), seed);
    }
}
