package org.equikern.train;

import java.util.Map;

/**
 * Makes one type of model from the {@code model:} section of a configuration, found by
 * {@link PotentialFactories} through {@link java.util.ServiceLoader} under its {@link #type()} (add the
 * implementation's name to {@code META-INF/services/org.equikern.train.PotentialFactory}).
 *
 * <p>Building is split in two so that a checkpoint restores the same model: {@link #resolve} fills in
 * what is derived from the training set (species, energy shifts, scale, average number of
 * neighbours), and the resolved section, saved with the checkpoint, is all {@link #build} needs.
 */
public interface PotentialFactory {
    /**
     * The name selecting this factory in {@code model.type}, e.g. {@code pair}.
     *
     * @return the type name
     */
    String type();

    /**
     * The complete model section: the fields of {@code model} with defaults and the values derived
     * from {@code statistics} filled in. Rejects unknown and invalid fields with a
     * {@link ConfigException} naming them.
     *
     * @param model the {@code model} section as given
     * @param statistics the training set's statistics
     * @return the resolved section
     */
    Map<String, Object> resolve(ConfigNode model, DatasetStatistics statistics);

    /**
     * A model from a section {@link #resolve} returned, its initial parameters drawn from {@code seed}.
     *
     * @param resolved a section {@link #resolve} returned (or a checkpoint saved)
     * @param seed the seed of the initial parameters
     * @return the model
     */
    Potential build(ConfigNode resolved, long seed);
}
