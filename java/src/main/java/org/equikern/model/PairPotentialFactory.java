package org.equikern.model;

import java.util.Map;
import java.util.Set;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.Potential;
import org.equikern.train.PotentialFactory;

/**
 * Model type {@code pair} ({@link PairPotential}). Fields of the {@code model:} section, with
 * NequIP's names where NequIP has one:
 * <ul>
 * <li>{@code num_basis} (8): Bessel functions per species pair;</li>
 * <li>{@code PolynomialCutoff_p} (6): the envelope's exponent;</li>
 * <li>{@code chemical_symbols}: the species, by default those of the training set;</li>
 * <li>{@code per_species_shifts}: energy per atom of each species, by default fitted by least squares;</li>
 * <li>{@code scale}: factor on the pair energies, by default the training set's force RMS;</li>
 * <li>{@code init_std} (0.1): standard deviation of the initial weights;</li>
 * <li>{@code r_max}: set from the top-level {@code r_max} the statistics were computed with.</li>
 * </ul>
 */
public final class PairPotentialFactory implements PotentialFactory {
    private static final Set<String> FIELDS = Set.of("type", "r_max", "num_basis", "PolynomialCutoff_p",
            "chemical_symbols", "per_species_shifts", "scale", "init_std");

    /** Needed by {@link java.util.ServiceLoader}. */
    public PairPotentialFactory() {
    }

    @Override
    public String type() {
        return "pair";
    }

    @Override
    public Map<String, Object> resolve(ConfigNode model, DatasetStatistics statistics) {
        Map<String, Object> resolved = SpeciesSection.resolvedStart(type(), model, FIELDS, statistics);
        resolved.put("num_basis", model.integer("num_basis", 8, 1, 1000));
        resolved.put("PolynomialCutoff_p", model.number("PolynomialCutoff_p", 6, 1, 100));
        resolved.put("scale", model.number("scale", SpeciesSection.forceScale(statistics), Double.MIN_VALUE,
                Double.MAX_VALUE));
        resolved.put("init_std", model.number("init_std", 0.1, 0, Double.MAX_VALUE));
        return resolved;
    }

    @Override
    public Potential build(ConfigNode resolved, long seed) {
        resolved.rejectUnknown(FIELDS);
        int[] species = SpeciesSection.numbers(resolved, resolved.strings("chemical_symbols"));
        double[] shifts = SpeciesSection.resolvedShifts(resolved, species.length);
        return new PairPotential(species, shifts, resolved.number("r_max", Double.MIN_VALUE, Double.MAX_VALUE),
                (int) resolved.integer("num_basis", 8, 1, 1000), resolved.number("PolynomialCutoff_p", 6, 1, 100),
                resolved.number("scale", 1, Double.MIN_VALUE, Double.MAX_VALUE),
                resolved.number("init_std", 0.1, 0, Double.MAX_VALUE), seed);
    }
}
