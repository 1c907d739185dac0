package org.equikern.model.jets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.equikern.data.jets.Jet;
import org.equikern.data.jets.JetBatch;
import org.equikern.data.jets.JetGenerator;
import org.equikern.data.jets.Signal;
import org.equikern.group.lorentz.LorentzTransform;
import org.junit.jupiter.api.Test;

/** {@link TaggerContract} for the LorentzNet-style tagger: width 3, 2 LGEB blocks, a large c to exercise x. */
class LorentzNetTaggerTest extends TaggerContract {
    @Override
    JetTagger tagger(long seed) {
        return new LorentzNetTagger(new LorentzNetTagger.Config(3, 2, 0.1), seed);
    }

    /**
     * The figures' tagger (width 16, 3 blocks), calibrated and trained for 40 steps on figure jets
     * (400–1,000 GeV), keeps its logits to 1e-10 under random transformations up to rapidity 3, where
     * constituents reach lab energies of about 100 M: they move by 4.8e-11, and moved by 4.5e-10 while
     * the constituent masses were among its inputs (at rapidity 4 the round-off of the transformed
     * momenta alone moves them by 3e-10).
     */
    @Test
    void aTrainedFigureSizedTaggerStaysInvariantOnStronglyBoostedJets() {
        JetGenerator figures = new JetGenerator(JetGenerator.Settings.DEFAULT);
        List<Jet> training = figures.sample(Signal.TOP, 256, 31);
        JetTagger tagger = new LorentzNetTagger(new LorentzNetTagger.Config(16, 3, 5e-3), 32);
        tagger.calibrate(JetBatch.of(training));
        TaggerTraining.train(tagger, training, new TaggerTraining.Settings(40, 32, 3e-3, 33));
        JetBatch test = JetBatch.of(figures.sample(Signal.TOP, 60, 34));
        double[] logits = tagger.forward(test).logits().clone();
        Random random = new Random(35);
        double worst = 0;
        for (int t = 0; t < 5; t++) {
            double[] moved = tagger.forward(test.transformed(LorentzTransform.random(random, 3))).logits();
            for (int b = 0; b < logits.length; b++) worst = Math.max(worst, Math.abs(moved[b] - logits[b]));
        }
        assertTrue(worst <= 1e-10, "logits changed by " + worst);
    }
}
