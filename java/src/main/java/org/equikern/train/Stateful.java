package org.equikern.train;

import java.util.Map;

/**
 * A training component whose state (step counts, moments, best metric, …) can be saved and
 * restored exactly. The state is a map of named tensors holding the exact bits, ready for
 * {@link Safetensors}; restoring it and continuing gives the same numbers as never stopping.
 */
public interface Stateful {
    /**
     * The current state, as new tensors (later changes to this component do not alter them).
     *
     * @return a new map of new tensors
     */
    Map<String, StoredTensor> state();

    /**
     * Restores a state produced by {@link #state()} of a component configured the same way and
     * bound to parameters of the same names and shapes.
     *
     * @param state a map {@link #state()} produced
     * @throws IllegalArgumentException naming the entry that is missing or of the wrong type or shape;
     *     the component is unchanged then
     */
    void loadState(Map<String, StoredTensor> state);
}
