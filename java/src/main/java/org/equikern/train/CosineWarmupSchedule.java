package org.equikern.train;

import java.util.Map;

/**
 * Linear warm-up then cosine annealing to a floor, per optimizer step. With base rate {@code b}
 * (the optimizer's rate when the schedule is made), {@code W} warm-up steps, {@code T} total steps
 * and floor {@code m}, the rate at step s (from 0) is {@code b · f(s)} with
 * <pre>
 *   f(s) = s / max(1, W)                                  for s &lt; W
 *   f(s) = c(s) (1 − m/b) + m/b,  c(s) = ½(1 + cos(π p)),  p = min(1, (s − W) / max(1, T − W))
 * </pre>
 * which is the factor of Hugging Face transformers' {@code get_cosine_with_min_lr_schedule_with_warmup}
 * (half a cosine), except that the rate stays at the floor after {@code T} steps instead of rising
 * again. As with PyTorch's {@code LambdaLR}, the optimizer gets rate {@code b · f(0)} at
 * construction and {@link #step()} (after each optimizer step) moves to the next. State: {@code step}.
 */
public final class CosineWarmupSchedule implements Stateful {
    private final Optimizer optimizer;
    private final double baseLr;
    private final long warmupSteps;
    private final long totalSteps;
    private final double minLrRate;
    private long step;

    /**
     * Drives {@code optimizer}'s rate from its current value (the base rate): a linear warmup, then a cosine
     * decay to {@code minLr} at {@code totalSteps}.
     *
     * @param optimizer the optimizer; its current rate is the base rate
     * @param warmupSteps steps of linear warmup, 0..totalSteps
     * @param totalSteps the length of the schedule in steps
     * @param minLr the final rate, in [0, base rate]
     * @throws IllegalArgumentException when the optimizer's rate is not positive, {@code warmupSteps} is
     *     negative or above {@code totalSteps}, or {@code minLr} is outside [0, base rate]
     */
    public CosineWarmupSchedule(Optimizer optimizer, long warmupSteps, long totalSteps, double minLr) {
        this.optimizer = optimizer;
        this.baseLr = optimizer.learningRate();
        if (!(baseLr > 0)) {
            throw new IllegalArgumentException("the optimizer's learning rate = " + baseLr
                    + ": the schedule needs a base rate > 0");
        }
        Optimizer.checkRange("warmup_steps", warmupSteps, 0, totalSteps, true);
        Optimizer.checkRange("min_lr", minLr, 0, baseLr, true);
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.minLrRate = minLr / baseLr;
        optimizer.setLearningRate(learningRate(0));
    }

    /**
     * The rate at step {@code s} (from 0).
     *
     * @param s the step, ≥ 0
     * @return the rate
     */
    public double learningRate(long s) {
        return baseLr * factor(s);
    }

    private double factor(long s) {
        if (s < warmupSteps) {
            return (double) s / (double) Math.max(1, warmupSteps);
        }
        double progress = Math.min(1.0, (double) (s - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * progress));
        return cosine * (1.0 - minLrRate) + minLrRate;
    }

    /** Advances one step and sets the optimizer's rate for it. */
    public void step() {
        step++;
        optimizer.setLearningRate(learningRate(step));
    }

    /**
     * Steps taken so far.
     *
     * @return the step count
     */
    public long steps() {
        return step;
    }

    @Override
    public Map<String, StoredTensor> state() {
        return Map.of("step", StoredTensor.scalar(step));
    }

    /** Restores the step and sets the optimizer's rate to match it. */
    @Override
    public void loadState(Map<String, StoredTensor> state) {
        long s = StateEntries.count(state, "step");
        Optimizer.checkRange("step", s, 0, Long.MAX_VALUE, true);
        step = s;
        optimizer.setLearningRate(learningRate(step));
    }
}
