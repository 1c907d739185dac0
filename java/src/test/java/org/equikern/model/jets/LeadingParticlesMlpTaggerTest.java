package org.equikern.model.jets;

/** {@link TaggerContract} for the MLP on the leading constituents (more than some jets have). */
class LeadingParticlesMlpTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new LeadingParticlesMlpTagger(new LeadingParticlesMlpTagger.Config(4, new int[] {6, 5}), seed);
    }
}
