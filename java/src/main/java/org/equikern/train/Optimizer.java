package org.equikern.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A first-order optimizer bound to a {@link Parameters} set, as in PyTorch: {@link #step()} reads
 * every parameter's gradient and updates its values in place. The learning rate is mutable so a
 * schedule can drive it. The state (step count, learning rate, per-parameter buffers) saves and
 * restores exactly through {@link Stateful}.
 */
public abstract class Optimizer implements Stateful {
    /** The parameters this optimizer updates. */
    protected final Parameters parameters;
    private double learningRate;
    private long steps;

    /**
     * An optimizer of {@code parameters} starting at {@code learningRate}.
     *
     * @param parameters the parameters to update
     * @param learningRate the initial rate, finite and ≥ 0
     * @throws IllegalArgumentException for a rate out of range
     */
    protected Optimizer(Parameters parameters, double learningRate) {
        this.parameters = parameters;
        setLearningRate(learningRate);
    }

    /** Applies one update from the current gradients. */
    public final void step() {
        steps++;
        update(steps);
    }

    /**
     * Updates every parameter; {@code step} counts from 1.
     *
     * @param step the step number, ≥ 1
     */
    protected abstract void update(long step);

    /**
     * The number of steps taken.
     *
     * @return the count
     */
    public final long steps() {
        return steps;
    }

    /**
     * The learning rate of the next step.
     *
     * @return the rate
     */
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate used by the next steps (what a schedule does).
     *
     * @param learningRate the rate, finite and ≥ 0
     * @throws IllegalArgumentException for a rate out of range
     */
    public final void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate = " + learningRate + ": must be finite and >= 0");
        }
        this.learningRate = learningRate;
    }

    /**
     * The parameters this optimizer updates.
     *
     * @return the parameters
     */
    public final Parameters parameters() {
        return parameters;
    }

    /** Entries {@code step}, {@code lr} and the buffers of {@link #putBuffers}. */
    @Override
    public final Map<String, StoredTensor> state() {
        Map<String, StoredTensor> state = new LinkedHashMap<>();
        state.put("step", StoredTensor.scalar(steps));
        state.put("lr", StoredTensor.scalar(learningRate));
        putBuffers(state);
        return state;
    }

    @Override
    public final void loadState(Map<String, StoredTensor> state) {
        long s = StateEntries.count(state, "step");
        double lr = StateEntries.scalar(state, "lr");
        if (s < 0) {
            throw new IllegalArgumentException("state entry 'step' = " + s + ": must be >= 0");
        }
        loadBuffers(state);
        setLearningRate(lr);
        steps = s;
    }

    /**
     * Adds the per-parameter buffers to {@code state}.
     *
     * @param state the map to add to
     */
    protected abstract void putBuffers(Map<String, StoredTensor> state);

    /**
     * Reads and checks every buffer first, then copies them in (all or nothing).
     *
     * @param state the state to read from
     * @throws IllegalArgumentException naming a missing buffer or one of the wrong type or shape
     */
    protected abstract void loadBuffers(Map<String, StoredTensor> state);

    /** A new zero array per parameter. */
    static double[][] zerosLike(Parameters parameters) {
        double[][] out = new double[parameters.size()][];
        int i = 0;
        for (Parameter p : parameters) {
            out[i++] = new double[p.size()];
        }
        return out;
    }

    /** Rejects a hyperparameter outside [low, high) or [low, high] with a message naming it. */
    static void checkRange(String name, double value, double low, double high, boolean highInclusive) {
        boolean ok = value >= low && (highInclusive ? value <= high : value < high);
        if (!ok) {
            throw new IllegalArgumentException(name + " = " + value + ": must be in [" + low + ", " + high
                    + (highInclusive ? "]" : ")"));
        }
    }
}
