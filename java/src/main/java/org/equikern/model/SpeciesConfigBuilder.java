package org.equikern.model;

import java.util.List;

/**
 * The setters the builders of {@link NequipConfig} and {@link MaceConfig} share: the fields that
 * come from the training data unless given.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class SpeciesConfigBuilder<B extends SpeciesConfigBuilder<B>> {
    double avgNumNeighbors = 1.0;
    List<String> chemicalSymbols = List.of();
    List<Double> perSpeciesShifts = List.of();

    SpeciesConfigBuilder() {
    }

    /** This builder, as its concrete type. */
    abstract B self();

    /**
     * Sets {@code avg_num_neighbors}.
     *
     * @param value the average neighbour count, positive and finite
     * @return this builder
     */
    public B avgNumNeighbors(double value) {
        avgNumNeighbors = value;
        return self();
    }

    /**
     * Sets {@code chemical_symbols}.
     *
     * @param value the element symbols, in one-hot order
     * @return this builder
     */
    public B chemicalSymbols(List<String> value) {
        chemicalSymbols = value;
        return self();
    }

    /**
     * Sets {@code per_species_shifts}; empty means zero for every species.
     *
     * @param value one energy per species, or empty
     * @return this builder
     */
    public B perSpeciesShifts(List<Double> value) {
        perSpeciesShifts = value;
        return self();
    }
}
