package org.equikern.cli.jets;

import java.util.function.LongFunction;
import org.equikern.model.jets.DeepSetsTagger;
import org.equikern.model.jets.JetTagger;
import org.equikern.model.jets.LeadingParticlesMlpTagger;
import org.equikern.model.jets.LgnTagger;
import org.equikern.model.jets.LorentzNetTagger;
import org.equikern.model.jets.PelicanTagger;

/** One tagger of the comparison: its name in the figures and how to build it from a weight seed. */
record TaggerSpec(String name, LongFunction<JetTagger> factory) {
    /** PELICAN-style: {@code channels} channels, two Eq2to2 layers, N_avg 20. */
    static TaggerSpec pelican(int channels) {
        return new TaggerSpec("PELICAN", seed -> new PelicanTagger(new PelicanTagger.Config(channels, 2,
                2 * channels, 20), seed));
    }

    /** LorentzNet-style: width {@code hidden}, three LGEB blocks, c = 5e-3 as LorentzNet. */
    static TaggerSpec lorentzNet(int hidden) {
        return new TaggerSpec("LorentzNet", seed -> new LorentzNetTagger(new LorentzNetTagger.Config(hidden, 3, 5e-3),
                seed));
    }

    /** LGN-style: {@code channels} channels of (0,0) and (1,1), two layers, two radial functions, MLPs of 16. */
    static TaggerSpec lgn(int channels) {
        return new TaggerSpec("LGN", seed -> new LgnTagger(new LgnTagger.Config(channels, 2, 2, 16, 8), seed));
    }

    /** Deep Sets on raw (E, p): φ of two layers of {@code width}. */
    static TaggerSpec deepSets(int width) {
        return new TaggerSpec("Deep Sets", seed -> new DeepSetsTagger(new DeepSetsTagger.Config(width, 2), seed));
    }

    /** The MLP on the 20 leading constituents' raw (E, p), two hidden layers of {@code width}. */
    static TaggerSpec leadingMlp(int width) {
        return new TaggerSpec("MLP (leading 20)", seed -> new LeadingParticlesMlpTagger(
                new LeadingParticlesMlpTagger.Config(20, new int[] {width, width}), seed));
    }
}
