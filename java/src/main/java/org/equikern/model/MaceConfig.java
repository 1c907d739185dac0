package org.equikern.model;

import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;
import org.equikern.train.ConfigException;

/**
 * The hyperparameters of a {@link MaceModel}, named as in MACE's command line and YAML ({@code r_max},
 * {@code num_interactions}, {@code correlation}, {@code hidden_irreps}, {@code max_ell},
 * {@code num_radial_basis}, {@code num_cutoff_basis}, {@code radial_MLP}, {@code MLP_irreps},
 * {@code avg_num_neighbors}, {@code atomic_inter_scale}), with {@code chemical_symbols} and
 * {@code per_species_shifts} (MACE's E0s) as for NequIP. Immutable and validated on construction: each
 * error is a {@link ConfigException} naming the field, its value and the limit.
 *
 * @param rMax             {@code r_max}: the cutoff radius of the neighbour lists and of the envelope
 * @param numInteractions  {@code num_interactions}: interaction + product layers, at least 1
 * @param correlation      {@code correlation}: the order ν of the symmetric contraction, 1 to 3
 * @param hiddenIrreps     {@code hidden_irreps}: the node features between layers, e.g. {@code 16x0e+16x1o};
 *                         every block with the same multiplicity (the channels), one block {@code 0e}
 * @param maxEll           {@code max_ell}: highest degree of the edge harmonics and of the messages
 * @param numRadialBasis   {@code num_radial_basis}: Bessel functions of the radial basis
 * @param numCutoffBasis   {@code num_cutoff_basis}: exponent p of the polynomial envelope
 * @param radialMlp        {@code radial_MLP}: the hidden widths of the radial MLP, e.g. {@code [64, 64, 64]}
 * @param mlpIrreps        {@code MLP_irreps}: the hidden scalars of the last, nonlinear readout, e.g. {@code 16x0e}
 * @param avgNumNeighbors  {@code avg_num_neighbors}: each receiver's sum of messages is divided by it
 * @param chemicalSymbols  {@code chemical_symbols}: the species, in the order of the one-hot encoding
 * @param perSpeciesShifts {@code per_species_shifts}: energy added per atom of each species (E0)
 * @param atomicInterScale {@code atomic_inter_scale}: factor on the summed readouts of each atom
 *                         (MACE's {@code ScaleShiftMACE} scale)
 */
public record MaceConfig(double rMax, int numInteractions, int correlation, Irreps hiddenIrreps, int maxEll,
        int numRadialBasis, int numCutoffBasis, List<Integer> radialMlp, Irreps mlpIrreps, double avgNumNeighbors,
        List<String> chemicalSymbols, List<Double> perSpeciesShifts, double atomicInterScale) {
    private static final Irrep SCALAR = Irrep.of(0, Parity.EVEN);

    /**
     * Validates every field and copies the lists.
     *
     * @param rMax positive and finite
     * @param numInteractions 1..64
     * @param correlation 1..3
     * @param hiddenIrreps blocks of one common multiplicity
     * @param maxEll 0..8
     * @param numRadialBasis 1..1000
     * @param numCutoffBasis 1..100
     * @param radialMlp hidden widths of the radial MLP, each ≥ 1
     * @param mlpIrreps scalars only
     * @param avgNumNeighbors positive and finite
     * @param chemicalSymbols at least one element symbol, none repeated
     * @param perSpeciesShifts empty (all zero) or one finite value per species
     * @param atomicInterScale finite and nonzero
     * @throws ConfigException naming the first field out of range, its value and the limit
     */
    public MaceConfig {
        positiveFinite("r_max", rMax);
        inRange("num_interactions", numInteractions, 1, 64);
        inRange("correlation", correlation, 1, 3);
        channelsOf(hiddenIrreps);
        inRange("max_ell", maxEll, 0, 8);
        inRange("num_radial_basis", numRadialBasis, 1, 1000);
        inRange("num_cutoff_basis", numCutoffBasis, 1, 100);
        radialMlp = checkedWidths(radialMlp);
        checkScalars(mlpIrreps);
        positiveFinite("avg_num_neighbors", avgNumNeighbors);
        if (!Double.isFinite(atomicInterScale) || atomicInterScale == 0) {
            throw new ConfigException("atomic_inter_scale", atomicInterScale + " must be finite and nonzero");
        }
        try {
            chemicalSymbols = SpeciesChecks.checkedSymbols(chemicalSymbols);
        } catch (IllegalArgumentException e) {
            throw asConfigException("chemical_symbols", e);
        }
        try {
            perSpeciesShifts = SpeciesChecks.checkedShifts(perSpeciesShifts, chemicalSymbols.size());
        } catch (IllegalArgumentException e) {
            throw asConfigException("per_species_shifts", e);
        }
    }

    /** The shared species checks say {@code "field = value: problem"}; this names the field the config way. */
    private static ConfigException asConfigException(String field, IllegalArgumentException e) {
        String prefix = field + " = ";
        String message = e.getMessage();
        return new ConfigException(field, message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    /**
     * A builder with MACE's default values; only {@code chemical_symbols} has no default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The number of species.
     *
     * @return the size of {@code chemicalSymbols}
     */
    public int speciesCount() {
        return chemicalSymbols.size();
    }

    /**
     * The channels of the hidden features: the common multiplicity of {@code hidden_irreps}.
     *
     * @return the channel count
     */
    public int channels() {
        return hiddenIrreps.get(0).mul();
    }

    /**
     * MACE's {@code interaction_irreps}: {@code channels} copies of every harmonic degree up to
     * {@code max_ell}, with the harmonics' parity: what the messages carry into the symmetric contraction.
     *
     * @return the irreps
     */
    public Irreps interactionIrreps() {
        StringBuilder text = new StringBuilder();
        for (int l = 0; l <= maxEll; l++) {
            text.append(l == 0 ? "" : "+").append(channels()).append('x').append(l)
                    .append(Parity.ofSphericalHarmonic(l).letter());
        }
        return Irreps.parse(text.toString());
    }

    /**
     * The output of the last layer: the scalars of {@code hidden_irreps} only, as MACE keeps them.
     *
     * @return the irreps
     */
    public Irreps lastHiddenIrreps() {
        return Irreps.of(List.of(new MulIrrep(channels(), SCALAR)));
    }

    private static void positiveFinite(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(field, value + " must be positive and finite");
        }
    }

    private static void inRange(String field, int value, int low, int high) {
        if (value < low || value > high) {
            throw new ConfigException(field, value + " is out of range [" + low + ", " + high + "]");
        }
    }

    /** Checks {@code hidden_irreps}: one multiplicity for every block, and a {@code 0e} block. */
    private static void channelsOf(Irreps hidden) {
        if (hidden == null || hidden.size() == 0) {
            throw new ConfigException("hidden_irreps", hidden + " must have at least one block");
        }
        int mul = hidden.get(0).mul();
        boolean scalar = false;
        for (MulIrrep block : hidden) {
            if (block.mul() != mul || mul < 1) {
                throw new ConfigException("hidden_irreps", hidden + ": every block needs the same multiplicity"
                        + " (the channels), at least 1");
            }
            scalar |= block.irrep().equals(SCALAR);
        }
        if (!scalar) {
            throw new ConfigException("hidden_irreps", hidden + " has no 0e block for the readouts");
        }
    }

    private static List<Integer> checkedWidths(List<Integer> widths) {
        if (widths == null || widths.isEmpty()) {
            throw new ConfigException("radial_MLP", widths + " must list at least one hidden width");
        }
        for (Integer w : widths) {
            if (w == null || w < 1 || w > 4096) {
                throw new ConfigException("radial_MLP", widths + ": width " + w + " is out of range [1, 4096]");
            }
        }
        return List.copyOf(widths);
    }

    private static void checkScalars(Irreps mlp) {
        if (mlp == null || mlp.size() != 1 || !mlp.get(0).irrep().equals(SCALAR) || mlp.get(0).mul() < 1) {
            throw new ConfigException("MLP_irreps", mlp + " must be one block of scalars, e.g. 16x0e");
        }
    }

    /** Builds a {@link MaceConfig}; setters are named after MACE's fields. */
    public static final class Builder extends SpeciesConfigBuilder<Builder> {
        private double rMax = 5.0;
        private int numInteractions = 2;
        private int correlation = 3;
        private Irreps hiddenIrreps = Irreps.parse("128x0e+128x1o");
        private int maxEll = 3;
        private int numRadialBasis = 8;
        private int numCutoffBasis = 5;
        private List<Integer> radialMlp = List.of(64, 64, 64);
        private Irreps mlpIrreps = Irreps.parse("16x0e");
        private double atomicInterScale = 1.0;

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
         * Sets {@code num_interactions}.
         *
         * @param value the number of interaction layers, 1..64
         * @return this builder
         */
        public Builder numInteractions(int value) {
            numInteractions = value;
            return this;
        }

        /**
         * Sets {@code correlation}.
         *
         * @param value the correlation order ν, 1..3
         * @return this builder
         */
        public Builder correlation(int value) {
            correlation = value;
            return this;
        }

        /**
         * Sets {@code hidden_irreps}.
         *
         * @param value the hidden irreps, one common multiplicity
         * @return this builder
         */
        public Builder hiddenIrreps(Irreps value) {
            hiddenIrreps = value;
            return this;
        }

        /**
         * Sets {@code max_ell}.
         *
         * @param value the highest harmonic degree, 0..8
         * @return this builder
         */
        public Builder maxEll(int value) {
            maxEll = value;
            return this;
        }

        /**
         * Sets {@code num_radial_basis}.
         *
         * @param value the number of Bessel functions, 1..1000
         * @return this builder
         */
        public Builder numRadialBasis(int value) {
            numRadialBasis = value;
            return this;
        }

        /**
         * Sets {@code num_cutoff_basis}.
         *
         * @param value the exponent of the polynomial envelope, 1..100
         * @return this builder
         */
        public Builder numCutoffBasis(int value) {
            numCutoffBasis = value;
            return this;
        }

        /**
         * Sets {@code radial_MLP}.
         *
         * @param value the hidden widths of the radial MLP
         * @return this builder
         */
        public Builder radialMlp(List<Integer> value) {
            radialMlp = value;
            return this;
        }

        /**
         * Sets {@code MLP_irreps}.
         *
         * @param value the hidden irreps of the readout MLP, scalars only
         * @return this builder
         */
        public Builder mlpIrreps(Irreps value) {
            mlpIrreps = value;
            return this;
        }

        /**
         * Sets {@code atomic_inter_scale}.
         *
         * @param value the factor on the summed readouts of each atom, finite and nonzero
         * @return this builder
         */
        public Builder atomicInterScale(double value) {
            atomicInterScale = value;
            return this;
        }

        /**
         * The validated configuration.
         *
         * @return the configuration
         * @throws ConfigException naming the first field out of range
         */
        public MaceConfig build() {
            return new MaceConfig(rMax, numInteractions, correlation, hiddenIrreps, maxEll, numRadialBasis,
                    numCutoffBasis, radialMlp, mlpIrreps, avgNumNeighbors, chemicalSymbols, perSpeciesShifts,
                    atomicInterScale);
        }
    }
}
