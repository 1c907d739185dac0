package org.equikern.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reduces an optimizer's learning rate when a metric stops improving, exactly as
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: after more than {@code patience} epochs
 * without improvement (outside a cooldown) the rate becomes {@code max(lr · factor, min_lr)},
 * unless that changes it by no more than {@code eps}. "Improvement" in mode min with threshold
 * mode rel is {@code metric < best · (1 − threshold)}, with abs {@code metric < best − threshold}
 * (mode max mirrors both). State: {@code best}, {@code num_bad_epochs}, {@code cooldown_counter},
 * {@code last_epoch}.
 */
public final class ReduceLROnPlateau implements Stateful {
    /** Whether a lower or a higher metric is better. */
    public enum Mode {
        /** Lower is better (a loss). */
        MIN,
        /** Higher is better (an accuracy). */
        MAX
    }

    /** How {@code threshold} is applied to the best value. */
    public enum ThresholdMode {
        /** An improvement beats the best by the fraction {@code threshold} of it. */
        REL,
        /** An improvement beats the best by {@code threshold} itself. */
        ABS
    }

    private final Optimizer optimizer;
    private final Options options;
    private double best;
    private long numBadEpochs;
    private long cooldownCounter;
    private long lastEpoch;

    /** Settings, with PyTorch's defaults; immutable, {@code with…} methods return copies. */
    public static final class Options {
        final Mode mode;
        final double factor;
        final int patience;
        final double threshold;
        final ThresholdMode thresholdMode;
        final int cooldown;
        final double minLr;
        final double eps;

        private Options(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                int cooldown, double minLr, double eps) {
            Optimizer.checkRange("factor", factor, 0, 1, false);
            Optimizer.checkRange("patience", patience, 0, Integer.MAX_VALUE, true);
            Optimizer.checkRange("threshold", threshold, 0, Double.MAX_VALUE, true);
            Optimizer.checkRange("cooldown", cooldown, 0, Integer.MAX_VALUE, true);
            Optimizer.checkRange("min_lr", minLr, 0, Double.MAX_VALUE, true);
            Optimizer.checkRange("eps", eps, 0, Double.MAX_VALUE, true);
            this.mode = mode;
            this.factor = factor;
            this.patience = patience;
            this.threshold = threshold;
            this.thresholdMode = thresholdMode;
            this.cooldown = cooldown;
            this.minLr = minLr;
            this.eps = eps;
        }

        /**
         * mode min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, min_lr 0, eps 1e-8.
         *
         * @return the options
         */
        public static Options defaults() {
            return new Options(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
        }

        /**
         * These options with another mode.
         *
         * @param m whether lower or higher is better
         * @return new options
         */
        public Options mode(Mode m) {
            return new Options(m, factor, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /**
         * These options with another reduction factor.
         *
         * @param f the factor, in [0, 1)
         * @return new options
         * @throws IllegalArgumentException for a factor out of range
         */
        public Options factor(double f) {
            return new Options(mode, f, patience, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /**
         * These options with another patience.
         *
         * @param p the epochs without improvement tolerated, ≥ 0
         * @return new options
         * @throws IllegalArgumentException for a negative patience
         */
        public Options patience(int p) {
            return new Options(mode, factor, p, threshold, thresholdMode, cooldown, minLr, eps);
        }

        /**
         * These options with another improvement threshold.
         *
         * @param t the threshold, finite and ≥ 0
         * @param tm whether it is relative or absolute
         * @return new options
         * @throws IllegalArgumentException for a threshold out of range
         */
        public Options threshold(double t, ThresholdMode tm) {
            return new Options(mode, factor, patience, t, tm, cooldown, minLr, eps);
        }

        /**
         * These options with another cooldown.
         *
         * @param c the epochs after a reduction during which bad epochs are not counted, ≥ 0
         * @return new options
         * @throws IllegalArgumentException for a negative cooldown
         */
        public Options cooldown(int c) {
            return new Options(mode, factor, patience, threshold, thresholdMode, c, minLr, eps);
        }

        /**
         * These options with another lower bound of the rate.
         *
         * @param m the bound, finite and ≥ 0
         * @return new options
         * @throws IllegalArgumentException for a bound out of range
         */
        public Options minLr(double m) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, m, eps);
        }

        /**
         * These options with another smallest change.
         *
         * @param e the smallest change of the rate applied, finite and ≥ 0
         * @return new options
         * @throws IllegalArgumentException for ε out of range
         */
        public Options eps(double e) {
            return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLr, e);
        }
    }

    /**
     * Drives {@code optimizer}'s learning rate.
     *
     * @param optimizer the optimizer whose rate is changed
     * @param options the schedule's options
     */
    public ReduceLROnPlateau(Optimizer optimizer, Options options) {
        this.optimizer = optimizer;
        this.options = options;
        this.best = options.mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Records one epoch's metric (a NaN never improves) and reduces the rate if it is due.
     *
     * @param metric the epoch's metric, e.g. the validation loss
     */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > options.patience) {
            double old = optimizer.learningRate();
            double reduced = Math.max(old * options.factor, options.minLr);
            if (old - reduced > options.eps) {
                optimizer.setLearningRate(reduced);
            }
            cooldownCounter = options.cooldown;
            numBadEpochs = 0;
        }
    }

    private boolean isBetter(double a) {
        boolean rel = options.thresholdMode == ThresholdMode.REL;
        if (options.mode == Mode.MIN) {
            return rel ? a < best * (1 - options.threshold) : a < best - options.threshold;
        }
        return rel ? a > best * (options.threshold + 1) : a > best + options.threshold;
    }

    /**
     * The best metric so far (±infinity before the first step).
     *
     * @return the best metric
     */
    public double best() {
        return best;
    }

    /**
     * Epochs since the last improvement, as PyTorch counts them.
     *
     * @return the count
     */
    public long numBadEpochs() {
        return numBadEpochs;
    }

    @Override
    public Map<String, StoredTensor> state() {
        Map<String, StoredTensor> state = new LinkedHashMap<>();
        state.put("best", StoredTensor.scalar(best));
        state.put("num_bad_epochs", StoredTensor.scalar(numBadEpochs));
        state.put("cooldown_counter", StoredTensor.scalar(cooldownCounter));
        state.put("last_epoch", StoredTensor.scalar(lastEpoch));
        return state;
    }

    @Override
    public void loadState(Map<String, StoredTensor> state) {
        double b = StateEntries.scalar(state, "best");
        long bad = StateEntries.count(state, "num_bad_epochs");
        long cool = StateEntries.count(state, "cooldown_counter");
        long epoch = StateEntries.count(state, "last_epoch");
        best = b;
        numBadEpochs = bad;
        cooldownCounter = cool;
        lastEpoch = epoch;
    }
}
