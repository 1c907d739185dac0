package org.equikern.model.jets;

/** {@link TaggerContract} for the LorentzNet-style tagger: width 3, 2 LGEB blocks, a large c to exercise x. */
class LorentzNetTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new LorentzNetTagger(new LorentzNetTagger.Config(3, 2, 0.1), seed);
    }
}
