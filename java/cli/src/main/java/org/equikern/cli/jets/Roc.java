package org.equikern.cli.jets;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The receiver operating characteristic of scores against labels (signal 1, background 0): signal
 * efficiency ε_S and background efficiency ε_B for every threshold, the area under the curve, and the
 * background rejection 1/ε_B at a given ε_S.
 */
final class Roc {
    private final double[] signalEfficiency;
    private final double[] backgroundEfficiency;
    private final double auc;

    private Roc(double[] signalEfficiency, double[] backgroundEfficiency, double auc) {
        this.signalEfficiency = signalEfficiency;
        this.backgroundEfficiency = backgroundEfficiency;
        this.auc = auc;
    }

    /**
     * The curve of {@code scores} (higher: more signal-like) against {@code labels}.
     *
     * @throws IllegalArgumentException unless both classes occur and the arrays have equal lengths
     */
    static Roc of(double[] scores, double[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("ROC: " + scores.length + " scores for " + labels.length + " labels");
        }
        long signals = Arrays.stream(labels).filter(y -> y == 1).count();
        long backgrounds = labels.length - signals;
        if (signals == 0 || backgrounds == 0) {
            throw new IllegalArgumentException("ROC: needs both classes, got " + signals + " signal and " + backgrounds
                    + " background");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        // One point per distinct threshold, from accepting nothing to accepting everything.
        double[] es = new double[scores.length + 1];
        double[] eb = new double[scores.length + 1];
        int points = 1;
        long truePositives = 0;
        long falsePositives = 0;
        double area = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]] == 1) truePositives++;
            else falsePositives++;
            if (k + 1 < order.length && scores[order[k + 1]] == scores[order[k]]) continue;
            es[points] = truePositives / (double) signals;
            eb[points] = falsePositives / (double) backgrounds;
            // The trapezoid counts tied signal-background pairs as one half, as the Mann-Whitney statistic does.
            area += (eb[points] - eb[points - 1]) * (es[points] + es[points - 1]) / 2;
            points++;
        }
        return new Roc(Arrays.copyOf(es, points), Arrays.copyOf(eb, points), area);
    }

    /** The area under ε_S(ε_B): the probability that a random signal jet scores above a random background jet. */
    double auc() {
        return auc;
    }

    /** ε_S per threshold, from 0 to 1 (a copy). */
    double[] signalEfficiency() {
        return signalEfficiency.clone();
    }

    /** ε_B per threshold, from 0 to 1 (a copy). */
    double[] backgroundEfficiency() {
        return backgroundEfficiency.clone();
    }

    /**
     * 1/ε_B at the first threshold reaching ε_S ≥ {@code target}; infinite when no background passes there.
     *
     * @throws IllegalArgumentException unless 0 &lt; target ≤ 1
     */
    double rejectionAt(double target) {
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("ROC: signal efficiency " + target + " must be in (0, 1]");
        }
        for (int k = 0; k < signalEfficiency.length; k++) {
            if (signalEfficiency[k] >= target) return 1 / backgroundEfficiency[k];
        }
        return 1 / backgroundEfficiency[backgroundEfficiency.length - 1];
    }
}
