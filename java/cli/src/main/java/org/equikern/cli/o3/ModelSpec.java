package org.equikern.cli.o3;

import java.util.List;
import java.util.Map;

/**
 * One model of the comparison: its name in the figures, its {@code model:} section for the trainer,
 * and whether it is equivariant by construction (the equivariance test's expectation).
 */
record ModelSpec(String name, Map<String, Object> section, boolean equivariant) {
    /**
     * NequIP with messages up to degree {@code lMax}, {@code features} channels per irrep, two layers;
     * {@code lMax = 0} is the invariant-message (SchNet-like) model NequIP compares itself with.
     */
    static ModelSpec nequip(int lMax, int features) {
        return new ModelSpec("NequIP l_max=" + lMax, Map.of("type", "nequip", "l_max", lMax, "num_layers", 2,
                "num_features", features, "num_basis", 8, "invariant_neurons", 16), true);
    }

    /**
     * MACE with two interactions, body order {@code correlation + 1} in each product block, harmonics and
     * features up to degree 1, {@code features} channels per irrep.
     */
    static ModelSpec mace(int correlation, int features) {
        return new ModelSpec("MACE nu=" + correlation, Map.of("type", "mace", "num_interactions", 2, "correlation",
                correlation, "hidden_irreps", features + "x0e+" + features + "x1o", "max_ell", 2, "num_radial_basis", 8,
                "radial_MLP", List.of(16, 16), "MLP_irreps", features + "x0e"), true);
    }

    /** The Cartesian MLP baseline on the {@code neighbours} nearest neighbours, with hidden widths {@code hidden}. */
    static ModelSpec cartesianMlp(int neighbours, int hidden) {
        return new ModelSpec("Cartesian MLP", Map.of("type", "cartesian_mlp", "neighbours", neighbours,
                "hidden", List.of(hidden, hidden)), false);
    }
}
