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
        model.rejectUnknown(FIELDS);
        int[] present = statistics.species();
        List<String> symbols = model.strings("chemical_symbols");
        int[] species = symbols == null ? present : numbers(model, symbols);
        for (int z : present) {
            if (Arrays.stream(species).noneMatch(s -> s == z)) {
                throw new ConfigException(model.pathOf("chemical_symbols"), "lacks " + Elements.symbol(z)
                        + ", present in the training set");
            }
        }
        double[] shifts = model.numbers("per_species_shifts");
        if (shifts == null) {
            shifts = fittedShifts(species, statistics);
        } else if (shifts.length != species.length) {
            throw new ConfigException(model.pathOf("per_species_shifts"), shifts.length + " values for "
                    + species.length + " species");
        }
        double fallbackScale = Double.isFinite(statistics.forceRms()) && statistics.forceRms() > 0
                ? statistics.forceRms() : 1.0;
        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("type", type());
        resolved.put("r_max", statistics.cutoff());
        resolved.put("num_basis", model.integer("num_basis", 8, 1, 1000));
        resolved.put("PolynomialCutoff_p", model.number("PolynomialCutoff_p", 6, 1, 100));
        resolved.put("chemical_symbols", symbolsOf(species));
        resolved.put("per_species_shifts", toList(shifts));
        resolved.put("scale", model.number("scale", fallbackScale, Double.MIN_VALUE, Double.MAX_VALUE));
        resolved.put("init_std", model.number("init_std", 0.1, 0, Double.MAX_VALUE));
        return resolved;
    }

    @Override
    public Potential build(ConfigNode resolved, long seed) {
        resolved.rejectUnknown(FIELDS);
        int[] species = numbers(resolved, resolved.strings("chemical_symbols"));
        double[] shifts = resolved.numbers("per_species_shifts");
        if (shifts == null || shifts.length != species.length) {
            throw new ConfigException(resolved.pathOf("per_species_shifts"), "one value per chemical symbol needed");
        }
        return new PairPotential(species, shifts, resolved.number("r_max", Double.MIN_VALUE, Double.MAX_VALUE),
                (int) resolved.integer("num_basis", 8, 1, 1000), resolved.number("PolynomialCutoff_p", 6, 1, 100),
                resolved.number("scale", 1, Double.MIN_VALUE, Double.MAX_VALUE),
                resolved.number("init_std", 0.1, 0, Double.MAX_VALUE), seed);
    }

    private static int[] numbers(ConfigNode model, List<String> symbols) {
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

    /** The fitted shift of each of {@code species}; zero for a species absent from the training set. */
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

    private static List<String> symbolsOf(int[] species) {
        List<String> out = new ArrayList<>();
        for (int z : species) {
            out.add(Elements.symbol(z));
        }
        return out;
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>();
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
