package org.equikern.model.jets;

/** {@link TaggerContract} for the PELICAN-style tagger: 3 channels, 2 Eq2to2 layers. */
class PelicanTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new PelicanTagger(new PelicanTagger.Config(3, 2, 4, 5), seed);
    }
}
