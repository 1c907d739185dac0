package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equikern.train.ConfigException;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.Potential;
import org.equikern.train.PotentialFactory;

/**
 * Model type {@code cartesian_mlp} ({@link CartesianMlpPotential}), the non-equivariant baseline. Fields of
 * the {@code model:} section:
 * <ul>
 * <li>{@code neighbours} (16): nearest neighbours per atom fed to the network;</li>
 * <li>{@code hidden} ([64, 64]): hidden-layer widths;</li>
 * <li>{@code chemical_symbols}: the species, by default those of the training set;</li>
 * <li>{@code per_species_shifts}: initial energy per atom of each species, by default fitted by least
 *     squares;</li>
 * <li>{@code r_max}: set from the top-level {@code r_max}.</li>
 * </ul>
 */
public final class CartesianMlpPotentialFactory implements PotentialFactory {
    private static final Set<String> FIELDS = Set.of("type", "r_max", "neighbours", "hidden", "chemical_symbols",
            "per_species_shifts");
    private static final List<Object> DEFAULT_HIDDEN = List.of(64, 64);

    /** Needed by {@link java.util.ServiceLoader}. */
    public CartesianMlpPotentialFactory() {
    }

    @Override
    public String type() {
        return "cartesian_mlp";
    }

    @Override
    public Map<String, Object> resolve(ConfigNode model, DatasetStatistics statistics) {
        Map<String, Object> resolved = SpeciesSection.resolvedStart(type(), model, FIELDS, statistics);
        resolved.put("neighbours", model.integer("neighbours", 16, 1, 4096));
        resolved.put("hidden", model.has("hidden") ? widthList(model) : DEFAULT_HIDDEN);
        return resolved;
    }

    @Override
    public Potential build(ConfigNode resolved, long seed) {
        resolved.rejectUnknown(FIELDS);
        int[] species = SpeciesSection.numbers(resolved, resolved.strings("chemical_symbols"));
        double[] shifts = SpeciesSection.resolvedShifts(resolved, species.length);
        int[] hidden = widthList(resolved).stream().mapToInt(w -> (Integer) w).toArray();
        CartesianMlpPotential potential = new CartesianMlpPotential(new CartesianMlpPotential.Config(species,
                (int) resolved.integer("neighbours", 16, 1, 4096), resolved.number("r_max", Double.MIN_VALUE,
                Double.MAX_VALUE), hidden), seed);
        // Start the trainable species energies at the fitted shifts, as the equivariant models start
        // theirs, so that no model spends its first epochs learning the mean energy.
        System.arraycopy(shifts, 0, potential.parameters().get("species_energy").values(), 0, shifts.length);
        return potential;
    }

    /** The {@code hidden} widths as whole numbers of at least 1. */
    private static List<Object> widthList(ConfigNode model) {
        double[] widths = model.numbers("hidden");
        if (widths == null) {
            throw new ConfigException(model.pathOf("hidden"), "a list of hidden-layer widths needed");
        }
        List<Object> out = new ArrayList<>();
        for (double w : widths) {
            if (w != Math.rint(w) || w < 1 || w > 4096) {
                throw new ConfigException(model.pathOf("hidden"), "width " + w + " must be a whole number in [1, 4096]");
            }
            out.add((int) w);
        }
        return out;
    }
}
