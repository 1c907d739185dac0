package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equikern.group.Irreps;
import org.equikern.train.ConfigException;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.Potential;
import org.equikern.train.PotentialFactory;

/**
 * Model type {@code mace} ({@link MaceModel}). The fields of the {@code model:} section are those of
 * {@link MaceConfig}, with MACE's names and MACE's defaults: {@code num_interactions}, {@code correlation},
 * {@code hidden_irreps}, {@code max_ell}, {@code num_radial_basis}, {@code num_cutoff_basis},
 * {@code radial_MLP}, {@code MLP_irreps}; and, computed from the training set unless given (as MACE
 * does): {@code avg_num_neighbors} (mean directed edges per atom), {@code chemical_symbols},
 * {@code per_species_shifts} (least-squares E0s) and {@code atomic_inter_scale} (force RMS).
 * {@code r_max} is set from the top-level {@code r_max}.
 */
public final class MacePotentialFactory implements PotentialFactory {
    private static final Set<String> FIELDS = Set.of("type", "r_max", "num_interactions", "correlation",
            "hidden_irreps", "max_ell", "num_radial_basis", "num_cutoff_basis", "radial_MLP", "MLP_irreps",
            "avg_num_neighbors", "chemical_symbols", "per_species_shifts", "atomic_inter_scale");

    /** Needed by {@link java.util.ServiceLoader}. */
    public MacePotentialFactory() {
    }

    @Override
    public String type() {
        return "mace";
    }

    @Override
    public Map<String, Object> resolve(ConfigNode model, DatasetStatistics statistics) {
        Map<String, Object> resolved = SpeciesSection.resolvedStart(type(), model, FIELDS, statistics);
        @SuppressWarnings("unchecked")
        List<String> symbols = (List<String>) resolved.get("chemical_symbols");
        @SuppressWarnings("unchecked")
        List<Double> shifts = (List<Double>) resolved.get("per_species_shifts");
        double neighbours = SpeciesSection.averageNeighbours(statistics);
        MaceConfig.Builder defaults = MaceConfig.builder().rMax(statistics.cutoff()).chemicalSymbols(symbols)
                .perSpeciesShifts(shifts).avgNumNeighbors(neighbours)
                .atomicInterScale(SpeciesSection.forceScale(statistics));
        MaceConfig config = read(model, defaults);
        resolved.put("num_interactions", config.numInteractions());
        resolved.put("correlation", config.correlation());
        resolved.put("hidden_irreps", config.hiddenIrreps().toString());
        resolved.put("max_ell", config.maxEll());
        resolved.put("num_radial_basis", config.numRadialBasis());
        resolved.put("num_cutoff_basis", config.numCutoffBasis());
        resolved.put("radial_MLP", config.radialMlp());
        resolved.put("MLP_irreps", config.mlpIrreps().toString());
        resolved.put("avg_num_neighbors", config.avgNumNeighbors());
        resolved.put("atomic_inter_scale", config.atomicInterScale());
        return resolved;
    }

    @Override
    public Potential build(ConfigNode resolved, long seed) {
        resolved.rejectUnknown(FIELDS);
        List<String> symbols = resolved.strings("chemical_symbols");
        double[] shifts = SpeciesSection.resolvedShifts(resolved, SpeciesSection.numbers(resolved, symbols).length);
        MaceConfig.Builder start = MaceConfig.builder()
                .rMax(resolved.number("r_max", Double.MIN_VALUE, Double.MAX_VALUE))
                .chemicalSymbols(symbols)
                .perSpeciesShifts(SpeciesSection.toList(shifts))
                .avgNumNeighbors(resolved.number("avg_num_neighbors", Double.MIN_VALUE, Double.MAX_VALUE))
                .atomicInterScale(resolved.number("atomic_inter_scale", -Double.MAX_VALUE, Double.MAX_VALUE));
        return MaceModel.create(read(resolved, start), seed);
    }

    /**
     * The configuration of a model section: each MACE field read from {@code node} when present, else
     * kept from {@code start}. A {@link MaceConfig} error is reported under the field's path in the section.
     */
    private static MaceConfig read(ConfigNode node, MaceConfig.Builder start) {
        MaceConfig defaults = start.build();
        start.numInteractions((int) node.integer("num_interactions", defaults.numInteractions(), 1, 64))
                .correlation((int) node.integer("correlation", defaults.correlation(), 1, 3))
                .hiddenIrreps(irreps(node, "hidden_irreps", defaults.hiddenIrreps()))
                .maxEll((int) node.integer("max_ell", defaults.maxEll(), 0, 8))
                .numRadialBasis((int) node.integer("num_radial_basis", defaults.numRadialBasis(), 1, 1000))
                .numCutoffBasis((int) node.integer("num_cutoff_basis", defaults.numCutoffBasis(), 1, 100))
                .radialMlp(widths(node, "radial_MLP", defaults.radialMlp()))
                .mlpIrreps(irreps(node, "MLP_irreps", defaults.mlpIrreps()))
                .avgNumNeighbors(node.number("avg_num_neighbors", defaults.avgNumNeighbors(), Double.MIN_VALUE,
                        Double.MAX_VALUE))
                .atomicInterScale(node.number("atomic_inter_scale", defaults.atomicInterScale(), -Double.MAX_VALUE,
                        Double.MAX_VALUE));
        try {
            return start.build();
        } catch (ConfigException e) {
            // MaceConfig names the bare field; the section's path makes it e.g. model.hidden_irreps.
            throw new ConfigException(node.pathOf(e.field()), e.getMessage().substring(e.field().length() + 2));
        }
    }

    private static Irreps irreps(ConfigNode node, String field, Irreps fallback) {
        if (!node.has(field)) {
            return fallback;
        }
        String text = node.string(field);
        try {
            return Irreps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(node.pathOf(field), "'" + text + "' is not an irreps string: " + e.getMessage());
        }
    }

    private static List<Integer> widths(ConfigNode node, String field, List<Integer> fallback) {
        double[] values = node.numbers(field);
        if (values == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (double v : values) {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new ConfigException(node.pathOf(field), "expected whole numbers, got " + v);
            }
            out.add((int) v);
        }
        return out;
    }
}
