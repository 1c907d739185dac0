package org.equikern.model;

import java.util.List;

/**
 * The hyperparameters of a {@link NequipModel}, named as in NequIP's YAML ({@code r_max},
 * {@code num_layers}, {@code l_max}, {@code parity}, {@code num_features}, {@code num_basis},
 * {@code invariant_layers}, {@code invariant_neurons}, {@code avg_num_neighbors},
 * {@code chemical_symbols}, {@code per_species_shifts}, {@code global_scale},
 * {@code PolynomialCutoff_p}), so that NequIP users recognise them. Immutable and validated on
 * construction: each error names the YAML field, its value and the limit.
 *
 * @param rMax              {@code r_max}: the cutoff radius of the neighbour lists and of the envelope
 * @param numLayers         {@code num_layers}: interaction blocks
 * @param lMax              {@code l_max}: highest degree of the edge harmonics and of the hidden features; 0 gives
 *                          invariant messages (a SchNet-like model: scalar features, scalar harmonics)
 * @param parity            {@code parity}: true for hidden features of both parities at every l (NequIP's
 *                          {@code o3_full}); false for the parity (−1)^l of the harmonics only ({@code o3_restricted})
 * @param numFeatures       {@code num_features}: channels of every hidden irrep
 * @param numBasis          {@code num_basis}: Bessel functions of the radial basis
 * @param invariantLayers   {@code invariant_layers}: hidden layers of the radial MLP
 * @param invariantNeurons  {@code invariant_neurons}: width of those layers
 * @param avgNumNeighbors   {@code avg_num_neighbors}: the convolution's sum over neighbours is divided by its square root
 * @param chemicalSymbols   {@code chemical_symbols}: the species, in the order of the one-hot encoding
 * @param perSpeciesShifts  {@code per_species_shifts}: energy added per atom of each species (E0)
 * @param globalScale       {@code global_scale}: factor on the network's per-atom output
 * @param polynomialCutoffP {@code PolynomialCutoff_p}: exponent of the polynomial envelope
 */
public record NequipConfig(double rMax, int numLayers, int lMax, boolean parity, int numFeatures, int numBasis,
        int invariantLayers, int invariantNeurons, double avgNumNeighbors, List<String> chemicalSymbols,
        List<Double> perSpeciesShifts, double globalScale, double polynomialCutoffP) {

    /**
     * Validates every field and copies the lists.
     *
     * @param rMax positive and finite
     * @param numLayers ≥ 1
     * @param lMax ≥ 1
     * @param parity true for {@code o3_full}, false for {@code o3_restricted}
     * @param numFeatures ≥ 1
     * @param numBasis ≥ 1
     * @param invariantLayers ≥ 0
     * @param invariantNeurons ≥ 1
     * @param avgNumNeighbors positive and finite
     * @param chemicalSymbols at least one element symbol, none repeated
     * @param perSpeciesShifts empty (all zero) or one finite value per species
     * @param globalScale finite and nonzero
     * @param polynomialCutoffP positive and finite
     * @throws IllegalArgumentException naming the first YAML field out of range, its value and the limit
     */
    public NequipConfig {
        positiveFinite("r_max", rMax);
        atLeast("num_layers", numLayers, 1);
        atLeast("l_max", lMax, 0);
        atLeast("num_features", numFeatures, 1);
        atLeast("num_basis", numBasis, 1);
        atLeast("invariant_layers", invariantLayers, 0);
        atLeast("invariant_neurons", invariantNeurons, 1);
        positiveFinite("avg_num_neighbors", avgNumNeighbors);
        positiveFinite("PolynomialCutoff_p", polynomialCutoffP);
        if (!Double.isFinite(globalScale) || globalScale == 0) {
            throw new IllegalArgumentException("global_scale = " + globalScale + " must be finite and nonzero");
        }
        chemicalSymbols = SpeciesChecks.checkedSymbols(chemicalSymbols);
        perSpeciesShifts = SpeciesChecks.checkedShifts(perSpeciesShifts, chemicalSymbols.size());
    }

    /**
     * A builder with NequIP's example values; only {@code chemical_symbols} has no default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these values, to change a few.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return builder().rMax(rMax).numLayers(numLayers).lMax(lMax).parity(parity).numFeatures(numFeatures)
                .numBasis(numBasis).invariantLayers(invariantLayers).invariantNeurons(invariantNeurons)
                .avgNumNeighbors(avgNumNeighbors).chemicalSymbols(chemicalSymbols).perSpeciesShifts(perSpeciesShifts)
                .globalScale(globalScale).polynomialCutoffP(polynomialCutoffP);
    }

    /**
     * The number of species.
     *
     * @return the size of {@code chemicalSymbols}
     */
    public int speciesCount() {
        return chemicalSymbols.size();
    }

    private static void positiveFinite(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " = " + value + " must be positive and finite");
        }
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " = " + value + " must be >= " + min);
        }
    }

    /** Builds a {@link NequipConfig}; setters are named after the YAML fields. */
    public static final class Builder extends SpeciesConfigBuilder<Builder> {
        private double rMax = 4.0;
        private int numLayers = 4;
        private int lMax = 1;
        private boolean parity = true;
        private int numFeatures = 32;
        private int numBasis = 8;
        private int invariantLayers = 2;
        private int invariantNeurons = 64;
        private double globalScale = 1.0;
        private double polynomialCutoffP = 6.0;

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets {@code r_max}.
         *
         * @param value the cutoff radius, positive and finite
         * @return this builder
         */
        public Builder rMax(double value) {
            rMax = value;
            return this;
        }

        /**
         * Sets {@code num_layers}.
         *
         * @param value the number of interaction blocks, ≥ 1
         * @return this builder
         */
        public Builder numLayers(int value) {
            numLayers = value;
            return this;
        }

        /**
         * Sets {@code l_max}.
         *
         * @param value the highest degree, ≥ 1
         * @return this builder
         */
        public Builder lMax(int value) {
            lMax = value;
            return this;
        }

        /**
         * Sets {@code parity}.
         *
         * @param value true for both parities at every l
         * @return this builder
         */
        public Builder parity(boolean value) {
            parity = value;
            return this;
        }

        /**
         * Sets {@code num_features}.
         *
         * @param value the channels per hidden irrep, ≥ 1
         * @return this builder
         */
        public Builder numFeatures(int value) {
            numFeatures = value;
            return this;
        }

        /**
         * Sets {@code num_basis}.
         *
         * @param value the number of Bessel functions, ≥ 1
         * @return this builder
         */
        public Builder numBasis(int value) {
            numBasis = value;
            return this;
        }

        /**
         * Sets {@code invariant_layers}.
         *
         * @param value the hidden layers of the radial MLP, ≥ 0
         * @return this builder
         */
        public Builder invariantLayers(int value) {
            invariantLayers = value;
            return this;
        }

        /**
         * Sets {@code invariant_neurons}.
         *
         * @param value the width of those layers, ≥ 1
         * @return this builder
         */
        public Builder invariantNeurons(int value) {
            invariantNeurons = value;
            return this;
        }

        /**
         * Sets {@code global_scale}.
         *
         * @param value the factor, finite and nonzero
         * @return this builder
         */
        public Builder globalScale(double value) {
            globalScale = value;
            return this;
        }

        /**
         * Sets {@code PolynomialCutoff_p}.
         *
         * @param value the exponent, positive and finite
         * @return this builder
         */
        public Builder polynomialCutoffP(double value) {
            polynomialCutoffP = value;
            return this;
        }

        /**
         * The validated configuration.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first field out of range
         */
        public NequipConfig build() {
            return new NequipConfig(rMax, numLayers, lMax, parity, numFeatures, numBasis, invariantLayers,
                    invariantNeurons, avgNumNeighbors, chemicalSymbols, perSpeciesShifts, globalScale,
                    polynomialCutoffP);
        }
    }
}
