package org.equikern.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equikern.data.Elements;
import org.equikern.train.ConfigException;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;

/**
 * The {@code chemical_symbols} and {@code per_species_shifts} fields every model section has, resolved
 * the same way for every model type: the species default to those of the training set, the shifts to
 * the least-squares fit of the training energies.
 */
final class SpeciesSection {
    private SpeciesSection() {
    }

    /**
     * The start of every resolved model section, after rejecting fields outside {@code fields}:
     * {@code type}, {@code r_max} (the statistics' cutoff), {@code chemical_symbols} and
     * {@code per_species_shifts}; the model type adds its own fields after these.
     */
    static Map<String, Object> resolvedStart(String type, ConfigNode model, Set<String> fields,
            DatasetStatistics statistics) {
        model.rejectUnknown(fields);
        int[] species = species(model, statistics);
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("type", type);
        resolved.put("r_max", statistics.cutoff());
        resolved.put("chemical_symbols", symbolsOf(species));
        resolved.put("per_species_shifts", toList(shifts(model, species, statistics)));
        return resolved;
    }

    /** The configured species (atomic numbers), which must cover every species of the training set. */
    static int[] species(ConfigNode model, DatasetStatistics statistics) {
        int[] present = statistics.species();
        List<String> symbols = model.strings("chemical_symbols");
        int[] species = symbols == null ? present : numbers(model, symbols);
        for (int z : present) {
            if (Arrays.stream(species).noneMatch(s -> s == z)) {
                throw new ConfigException(model.pathOf("chemical_symbols"), "lacks " + Elements.symbol(z)
                        + ", present in the training set");
            }
        }
        return species;
    }

    /** The configured shifts, one per species, or the fitted ones (zero for a species not in the training set). */
    static double[] shifts(ConfigNode model, int[] species, DatasetStatistics statistics) {
        double[] shifts = model.numbers("per_species_shifts");
        if (shifts == null) {
            return fittedShifts(species, statistics);
        }
        if (shifts.length != species.length) {
            throw new ConfigException(model.pathOf("per_species_shifts"), shifts.length + " values for "
                    + species.length + " species");
        }
        return shifts;
    }

    /** The {@code per_species_shifts} of a resolved section: exactly one per species. */
    static double[] resolvedShifts(ConfigNode resolved, int speciesCount) {
        double[] shifts = resolved.numbers("per_species_shifts");
        if (shifts == null || shifts.length != speciesCount) {
            throw new ConfigException(resolved.pathOf("per_species_shifts"), "one value per chemical symbol needed");
        }
        return shifts;
    }

    /** The atomic numbers of {@code symbols}, at least one, each a known element. */
    static int[] numbers(ConfigNode model, List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new ConfigException(model.pathOf("chemical_symbols"), "at least one symbol is needed");
        }
        int[] z = new int[symbols.size()];
        for (int i = 0; i < z.length; i++) {
            z[i] = Elements.number(symbols.get(i));
            if (z[i] < 0) {
                throw new ConfigException(model.pathOf("chemical_symbols"), "'" + symbols.get(i) + "' is no element");
            }
        }
        return z;
    }

    /** The training set's force RMS, or 1 when it has no forces: the default scale of a model's output. */
    static double forceScale(DatasetStatistics statistics) {
        return Double.isFinite(statistics.forceRms()) && statistics.forceRms() > 0 ? statistics.forceRms() : 1.0;
    }

    /** The training set's mean neighbours per atom, or 1 when it has none: the default {@code avg_num_neighbors}. */
    static double averageNeighbours(DatasetStatistics statistics) {
        return statistics.averageNeighbours() > 0 ? statistics.averageNeighbours() : 1.0;
    }

    static List<String> symbolsOf(int[] species) {
        List<String> out = new ArrayList<>();
        for (int z : species) {
            out.add(Elements.symbol(z));
        }
        return out;
    }

    static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static double[] fittedShifts(int[] species, DatasetStatistics statistics) {
        int[] present = statistics.species();
        double[] fitted = statistics.shifts();
        double[] shifts = new double[species.length];
        for (int i = 0; i < species.length; i++) {
            int at = Arrays.binarySearch(present, species[i]);
            shifts[i] = at >= 0 ? fitted[at] : 0;
        }
        return shifts;
    }
}
