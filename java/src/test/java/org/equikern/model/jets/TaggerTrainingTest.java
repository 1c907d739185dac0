package org.equikern.model.jets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equikern.data.jets.Jet;
import org.equikern.train.BinaryCrossEntropy;
import org.junit.jupiter.api.Test;

/** Training lowers the loss below chance level, and the same seeds give the same weights. */
class TaggerTrainingTest {
    private static final TaggerTraining.Settings SETTINGS = new TaggerTraining.Settings(200, 16, 1e-2, 5);

    @Test
    void trainingLowersTheLossBelowChance() {
        List<Jet> jets = TaggerContract.jets(96, 1);
        DeepSetsTagger tagger = new DeepSetsTagger(new DeepSetsTagger.Config(16, 2), 2);
        double[] labels = labels(jets);
        double before = BinaryCrossEntropy.loss(tagger.logits(jets, 32), labels);
        TaggerTraining.Result result = TaggerTraining.train(tagger, jets, SETTINGS);
        double after = BinaryCrossEntropy.loss(tagger.logits(jets, 32), labels);
        assertTrue(after < Math.min(before, Math.log(2)) - 0.02, "loss " + before + " -> " + after);
        assertTrue(result.finalLoss() > 0 && result.seconds() >= 0, result.toString());
    }

    @Test
    void theSameSeedsGiveTheSameWeights() {
        List<Jet> jets = TaggerContract.jets(40, 3);
        PelicanTagger a = new PelicanTagger(new PelicanTagger.Config(2, 1, 3, 5), 4);
        PelicanTagger b = new PelicanTagger(new PelicanTagger.Config(2, 1, 3, 5), 4);
        TaggerTraining.Settings settings = new TaggerTraining.Settings(5, 8, 1e-3, 6);
        TaggerTraining.train(a, jets, settings);
        TaggerTraining.train(b, jets, settings);
        for (String name : a.parameters().names()) {
            assertArrayEquals(a.parameters().get(name).values(), b.parameters().get(name).values(), name);
        }
    }

    @Test
    void badSettingsAndEmptySetsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaggerTraining.Settings(0, 16, 1e-3, 1));
        assertTrue(e.getMessage().contains("steps = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaggerTraining.train(
                new DeepSetsTagger(new DeepSetsTagger.Config(2, 1), 1), List.of(), SETTINGS));
        assertEquals("tagger training needs at least one jet", e.getMessage());
    }

    private static double[] labels(List<Jet> jets) {
        return jets.stream().mapToDouble(j -> j.signal() ? 1 : 0).toArray();
    }
}
