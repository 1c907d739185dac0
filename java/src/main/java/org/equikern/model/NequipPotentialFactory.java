package org.equikern.model;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.Potential;
import org.equikern.train.PotentialFactory;

/**
 * Model type {@code nequip} ({@link NequipModel}). The fields of the {@code model:} section are those of
 * {@link NequipConfig}, with NequIP's names and NequIP's example values as defaults: {@code num_layers},
 * {@code l_max}, {@code parity}, {@code num_features}, {@code num_basis}, {@code invariant_layers},
 * {@code invariant_neurons}, {@code PolynomialCutoff_p}; and, computed from the training set unless given
 * (as NequIP does): {@code avg_num_neighbors} (mean directed edges per atom), {@code chemical_symbols},
 * {@code per_species_shifts} (least squares) and {@code global_scale} (force RMS). {@code r_max} is set
 * from the top-level {@code r_max}.
 */
public final class NequipPotentialFactory implements PotentialFactory {
    private static final Set<String> FIELDS = Set.of("type", "r_max", "num_layers", "l_max", "parity",
            "num_features", "num_basis", "invariant_layers", "invariant_neurons", "avg_num_neighbors",
            "chemical_symbols", "per_species_shifts", "global_scale", "PolynomialCutoff_p");

    /** Needed by {@link java.util.ServiceLoader}. */
    public NequipPotentialFactory() {
    }

    @Override
    public String type() {
        return "nequip";
    }

    @Override
    public Map<String, Object> resolve(ConfigNode model, DatasetStatistics statistics) {
        Map<String, Object> resolved = SpeciesSection.resolvedStart(type(), model, FIELDS, statistics);
        @SuppressWarnings("unchecked")
        List<String> symbols = (List<String>) resolved.get("chemical_symbols");
        NequipConfig defaults = NequipConfig.builder().chemicalSymbols(symbols).build();
        resolved.put("num_layers", model.integer("num_layers", defaults.numLayers(), 1, 64));
        resolved.put("l_max", model.integer("l_max", defaults.lMax(), 0, 8));
        resolved.put("parity", model.bool("parity", defaults.parity()));
        resolved.put("num_features", model.integer("num_features", defaults.numFeatures(), 1, 4096));
        resolved.put("num_basis", model.integer("num_basis", defaults.numBasis(), 1, 1000));
        resolved.put("invariant_layers", model.integer("invariant_layers", defaults.invariantLayers(), 0, 64));
        resolved.put("invariant_neurons", model.integer("invariant_neurons", defaults.invariantNeurons(), 1, 4096));
        double neighbours = SpeciesSection.averageNeighbours(statistics);
        resolved.put("avg_num_neighbors", model.number("avg_num_neighbors", neighbours, Double.MIN_VALUE,
                Double.MAX_VALUE));
        resolved.put("global_scale", model.number("global_scale", SpeciesSection.forceScale(statistics),
                Double.MIN_VALUE, Double.MAX_VALUE));
        resolved.put("PolynomialCutoff_p", model.number("PolynomialCutoff_p", defaults.polynomialCutoffP(), 1, 100));
        return resolved;
    }

    @Override
    public Potential build(ConfigNode resolved, long seed) {
        resolved.rejectUnknown(FIELDS);
        List<String> symbols = resolved.strings("chemical_symbols");
        double[] shifts = SpeciesSection.resolvedShifts(resolved,
                SpeciesSection.numbers(resolved, symbols).length);
        NequipConfig defaults = NequipConfig.builder().chemicalSymbols(symbols).build();
        NequipConfig config = defaults.toBuilder()
                .rMax(resolved.number("r_max", Double.MIN_VALUE, Double.MAX_VALUE))
                .numLayers((int) resolved.integer("num_layers", defaults.numLayers(), 1, 64))
                .lMax((int) resolved.integer("l_max", defaults.lMax(), 0, 8))
                .parity(resolved.bool("parity", defaults.parity()))
                .numFeatures((int) resolved.integer("num_features", defaults.numFeatures(), 1, 4096))
                .numBasis((int) resolved.integer("num_basis", defaults.numBasis(), 1, 1000))
                .invariantLayers((int) resolved.integer("invariant_layers", defaults.invariantLayers(), 0, 64))
                .invariantNeurons((int) resolved.integer("invariant_neurons", defaults.invariantNeurons(), 1, 4096))
                .avgNumNeighbors(resolved.number("avg_num_neighbors", Double.MIN_VALUE, Double.MAX_VALUE))
                .chemicalSymbols(symbols)
                .perSpeciesShifts(SpeciesSection.toList(shifts))
                .globalScale(resolved.number("global_scale", Double.MIN_VALUE, Double.MAX_VALUE))
                .polynomialCutoffP(resolved.number("PolynomialCutoff_p", defaults.polynomialCutoffP(), 1, 100))
                .build();
        return NequipModel.create(config, seed);
    }
}
