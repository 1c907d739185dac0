package org.equikern.data.jets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * What makes the generated top-like jets separable from QCD-like jets in the same mass window, measured
 * on 800 jets of each class: three-prong structure (τ3/τ2 and a pair of the three exclusive subjets at
 * the W mass) separates them, while the constituent count alone barely does. The separations are the
 * areas under the ROC curve counted pair by pair (Mann–Whitney); the bounds leave room for sampling
 * noise (about ±0.015 at this size) around the values measured when the generator was tuned.
 */
class JetSubstructureTest {
    private static final List<Jet> JETS = new JetGenerator(JetGenerator.Settings.DEFAULT).sample(Signal.TOP, 1600, 17);

    @Test
    void theConstituentCountAloneSeparatesTheClassesLittle() {
        // Measured 0.536 at the defaults on 4,000 jets; either direction would be learnable, so bound both.
        double auc = signalAboveBackground(jet -> -jet.count());
        assertTrue(auc <= 0.62 && auc >= 0.38, "count AUC " + auc);
    }

    @Test
    void topJetsHaveLowerTau32ThanQcdJets() {
        // Measured 0.856 at the defaults on 4,000 jets.
        double auc = signalAboveBackground(jet -> -Subjettiness.ratio32(jet));
        assertTrue(auc >= 0.8, "τ3/τ2 AUC " + auc);
    }

    @Test
    void topJetsHaveAPairOfSubjetsAtTheWMassMoreOftenThanQcdJets() {
        // Measured 0.944 of top and 0.349 of QCD jets on 4,000 (three pairs in a 173 GeV jet often land near 80).
        double signal = fraction(true);
        double background = fraction(false);
        assertTrue(signal >= 0.85 && signal - background >= 0.45, "W pair in " + signal + " of top, " + background
                + " of QCD jets");
    }

    /** The fraction of jets of one class with two of their three exclusive subjets within 10 GeV of 80.4 GeV. */
    private static double fraction(boolean isSignal) {
        List<Jet> jets = JETS.stream().filter(j -> j.signal() == isSignal).toList();
        return jets.stream().filter(JetSubstructureTest::hasWPair).count() / (double) jets.size();
    }

    private static boolean hasWPair(Jet jet) {
        List<double[]> subjets = Subjettiness.subjets(jet, 3);
        for (int a = 0; a < subjets.size(); a++) {
            for (int b = a + 1; b < subjets.size(); b++) {
                double[] pair = new double[4];
                for (int mu = 0; mu < 4; mu++) pair[mu] = subjets.get(a)[mu] + subjets.get(b)[mu];
                if (Math.abs(Math.sqrt(Math.max(0, Kinematics.massSquared(pair))) - 80.4) < 10) return true;
            }
        }
        return false;
    }

    /** P(score of a signal jet > score of a background jet), ties counting one half, over every pair. */
    private static double signalAboveBackground(ToDoubleFunction<Jet> score) {
        double[] signal = JETS.stream().filter(Jet::signal).mapToDouble(score).toArray();
        double[] background = JETS.stream().filter(j -> !j.signal()).mapToDouble(score).toArray();
        double wins = 0;
        for (double s : signal) {
            for (double b : background) wins += s > b ? 1 : s == b ? 0.5 : 0;
        }
        return wins / ((double) signal.length * background.length);
    }
}
