package org.equikern.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of the parameter values, as {@code torch_ema}'s
 * {@code ExponentialMovingAverage} used by NequIP and MACE. Each {@link #update()} after an
 * optimizer step moves every shadow value s toward the parameter θ:
 * {@code s ← s − (1 − d)(s − θ)}, with {@code d = decay}, or, counting updates n from 1,
 * {@code d = min(decay, (1 + n) / (10 + n))} so the early average is not dominated by the initial
 * weights. {@link #swapIn()} puts the averages into the parameters for evaluation,
 * {@link #swapOut()} restores the trained values. State: {@code num_updates}, {@code shadow.NAME}.
 */
public final class ExponentialMovingAverage implements Stateful {
    private final Parameters parameters;
    private final double decay;
    private final boolean useNumUpdates;
    private final double[][] shadow;
    private final double[][] stored;
    private long numUpdates;
    private boolean swappedIn;

    /**
     * Starts the averages at the current values.
     *
     * @param parameters the parameters averaged
     * @param decay the decay, in [0, 1]
     * @param useNumUpdates whether the decay ramps up as (1 + n)/(10 + n), as torch_ema's {@code
     *     use_num_updates}
     * @throws IllegalArgumentException for a decay out of range
     */
    public ExponentialMovingAverage(Parameters parameters, double decay, boolean useNumUpdates) {
        Optimizer.checkRange("decay", decay, 0, 1, true);
        this.parameters = parameters;
        this.decay = decay;
        this.useNumUpdates = useNumUpdates;
        this.shadow = Optimizer.zerosLike(parameters);
        this.stored = Optimizer.zerosLike(parameters);
        int i = 0;
        for (Parameter p : parameters) {
            System.arraycopy(p.values(), 0, shadow[i++], 0, p.size());
        }
    }

    /**
     * The decay the averages were made with.
     *
     * @return the decay, in [0, 1]
     */
    public double decay() {
        return decay;
    }

    /**
     * Whether the decay ramps up as (1 + n)/(10 + n).
     *
     * @return whether updates are counted
     */
    public boolean useNumUpdates() {
        return useNumUpdates;
    }

    /** Folds the current parameter values into the averages. */
    public void update() {
        requireSwappedOut("update");
        double d = decay;
        if (useNumUpdates) {
            numUpdates++;
            d = Math.min(decay, (1.0 + numUpdates) / (10.0 + numUpdates));
        }
        double oneMinusDecay = 1.0 - d;
        int i = 0;
        for (Parameter p : parameters) {
            double[] s = shadow[i++];
            double[] theta = p.values();
            for (int k = 0; k < s.length; k++) {
                s[k] = s[k] - (s[k] - theta[k]) * oneMinusDecay;
            }
        }
    }

    /** Saves the parameter values aside and puts the averages in their place. */
    public void swapIn() {
        requireSwappedOut("swapIn");
        int i = 0;
        for (Parameter p : parameters) {
            System.arraycopy(p.values(), 0, stored[i], 0, p.size());
            System.arraycopy(shadow[i++], 0, p.values(), 0, p.size());
        }
        swappedIn = true;
    }

    /** Puts back the values saved by {@link #swapIn()}. */
    public void swapOut() {
        if (!swappedIn) {
            throw new IllegalStateException("swapOut() without a preceding swapIn()");
        }
        int i = 0;
        for (Parameter p : parameters) {
            System.arraycopy(stored[i++], 0, p.values(), 0, p.size());
        }
        swappedIn = false;
    }

    /**
     * Whether the averages are in the parameters now.
     *
     * @return true while swapped in
     */
    public boolean isSwappedIn() {
        return swappedIn;
    }

    /**
     * The average of parameter {@code name} (a copy).
     *
     * @param name the parameter's name
     * @return a new array
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public double[] average(String name) {
        parameters.get(name); // rejects an unknown name, listing the known ones
        return shadow[parameters.names().indexOf(name)].clone();
    }

    /**
     * Updates counted so far (0 when not counting).
     *
     * @return the count
     */
    public long numUpdates() {
        return numUpdates;
    }

    private void requireSwappedOut(String call) {
        if (swappedIn) {
            throw new IllegalStateException(call + "() while the averages are swapped in; call swapOut() first");
        }
    }

    @Override
    public Map<String, StoredTensor> state() {
        Map<String, StoredTensor> state = new LinkedHashMap<>();
        state.put("num_updates", StoredTensor.scalar(numUpdates));
        StateEntries.putPerParameter(state, "shadow.", parameters, shadow);
        return state;
    }

    @Override
    public void loadState(Map<String, StoredTensor> state) {
        requireSwappedOut("loadState");
        long n = StateEntries.count(state, "num_updates");
        StateEntries.copyInto(StateEntries.perParameter(state, "shadow.", parameters), shadow);
        numUpdates = n;
    }
}
