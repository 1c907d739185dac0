package org.equikern.model.jets;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.jets.Jet;
import org.equikern.data.jets.JetBatch;
import org.equikern.train.Adam;
import org.equikern.train.BinaryCrossEntropy;
import org.equikern.train.CosineWarmupSchedule;

/**
 * Trains a {@link JetTagger} with binary cross-entropy: a data-dependent initialization on the first
 * {@value #CALIBRATION_JETS} training jets ({@link JetTagger#calibrate}), then Adam, a linear warm-up over the first 5% of
 * the steps then cosine annealing to 1% of the rate, minibatches drawn without replacement from a
 * fresh seeded shuffle each epoch (so every tagger sees the same batches for the same seed).
 */
public final class TaggerTraining {
    /** Training jets (the first ones) on which {@link JetTagger#calibrate} standardizes the layers. */
    static final int CALIBRATION_JETS = 256;

    /**
     * How long and how fast.
     *
     * @param steps        optimizer steps
     * @param batchSize    jets per step (at most the training-set size is used)
     * @param learningRate Adam's peak rate
     * @param seed         the shuffling seed
     */
    public record Settings(int steps, int batchSize, double learningRate, long seed) {
        /**
         * Checks the sizes.
         *
         * @param steps ≥ 1
         * @param batchSize ≥ 1
         * @param learningRate positive and finite
         * @param seed the shuffling seed
         * @throws IllegalArgumentException for a size below 1 or a rate that is not positive and finite
         */
        public Settings {
            if (steps < 1 || batchSize < 1 || !(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("tagger training: steps = " + steps + ", batchSize = " + batchSize
                        + ", learningRate = " + learningRate + "; need steps, batchSize >= 1 and a positive rate");
            }
        }
    }

    /**
     * The outcome of one training run.
     *
     * @param seconds   wall time
     * @param finalLoss the mean loss over the last tenth of the steps
     */
    public record Result(double seconds, double finalLoss) {
    }

    private TaggerTraining() {
    }

    /**
     * Trains {@code tagger} on {@code jets} in place.
     *
     * @param tagger the tagger, trained in place
     * @param jets the training jets, at least one
     * @param settings the schedule
     * @return the wall time and the final loss
     * @throws IllegalArgumentException for an empty training set
     */
    public static Result train(JetTagger tagger, List<Jet> jets, Settings settings) {
        if (jets.isEmpty()) throw new IllegalArgumentException("tagger training needs at least one jet");
        long start = System.nanoTime();
        tagger.calibrate(JetBatch.of(jets.subList(0, Math.min(jets.size(), CALIBRATION_JETS))));
        Adam adam = new Adam(tagger.parameters(), Adam.Options.adam().learningRate(settings.learningRate()));
        CosineWarmupSchedule schedule = new CosineWarmupSchedule(adam, settings.steps() / 20, settings.steps(),
                settings.learningRate() / 100);
        SplittableRandom random = new SplittableRandom(settings.seed());
        int batchSize = Math.min(settings.batchSize(), jets.size());
        int[] order = shuffled(jets.size(), random);
        int next = 0;
        int tail = Math.max(1, settings.steps() / 10);
        double tailLoss = 0;
        for (int step = 0; step < settings.steps(); step++) {
            if (next + batchSize > order.length) {
                order = shuffled(jets.size(), random);
                next = 0;
            }
            List<Jet> part = new ArrayList<>(batchSize);
            for (int k = 0; k < batchSize; k++) part.add(jets.get(order[next++]));
            JetBatch batch = JetBatch.of(part);
            TaggerPass pass = tagger.forward(batch);
            double[] labels = batch.labels();
            if (step >= settings.steps() - tail) tailLoss += BinaryCrossEntropy.loss(pass.logits(), labels);
            tagger.parameters().zeroGrad();
            pass.backward(BinaryCrossEntropy.gradient(pass.logits(), labels));
            adam.step();
            schedule.step();
        }
        return new Result((System.nanoTime() - start) * 1e-9, tailLoss / tail);
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
