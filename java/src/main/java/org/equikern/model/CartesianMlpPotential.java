package org.equikern.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.nn.Activation;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;

/**
 * The non-equivariant baseline: an atom-centred multilayer perceptron whose input is the Cartesian
 * bond vectors to an atom's K nearest neighbours, sorted by distance and smoothly cut off (see
 * {@link SortedNeighbourFeatures}), and a one-hot of its species: e3nn's fully connected net with
 * SiLU ({@link FullyConnectedNet}, the radial MLP of NequIP and MACE) plus a learned energy per
 * species gives each atom's energy; a structure's energy is their sum. Nothing makes it rotation invariant: it can only learn
 * invariance from data, which is why it is trained with random rotations
 * ({@link org.equikern.train.RotationAugmentation}). Forces and the parameter gradient of an
 * energy-and-force loss are exact.
 */
public final class CartesianMlpPotential implements Potential {
    private final Config config;
    private final Parameters parameters = new Parameters();
    private final FullyConnectedNet net;
    private final Parameter weights;
    private final Parameter speciesEnergies;

    /**
     * The architecture.
     *
     * @param species    atomic numbers the model knows, in one-hot order (at least one, distinct)
     * @param neighbours K, the neighbours fed to the network per atom (at least 1)
     * @param cutoff     neighbour cutoff in Å, positive and finite
     * @param hidden     hidden-layer widths (each at least 1; none for a linear model)
     */
    public record Config(int[] species, int neighbours, double cutoff, int[] hidden) {
        /**
         * Checks every field and copies the arrays.
         *
         * @param species at least one atomic number, distinct
         * @param neighbours ≥ 1
         * @param cutoff in Å, positive and finite
         * @param hidden widths each ≥ 1; empty for a linear model
         * @throws IllegalArgumentException for the first field out of range, naming it and its value
         */
        public Config {
            if (species == null || species.length == 0) {
                throw new IllegalArgumentException("Cartesian MLP: species must name at least one atomic number");
            }
            if (Arrays.stream(species).distinct().count() != species.length) {
                throw new IllegalArgumentException("Cartesian MLP: species " + Arrays.toString(species)
                        + " repeat an atomic number");
            }
            if (neighbours < 1) {
                throw new IllegalArgumentException("Cartesian MLP: neighbours = " + neighbours + ", must be at least 1");
            }
            if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
                throw new IllegalArgumentException("Cartesian MLP: cutoff = " + cutoff + ", must be positive and finite");
            }
            if (hidden == null) {
                throw new IllegalArgumentException("Cartesian MLP: hidden widths must not be null (empty for none)");
            }
            for (int w : hidden) {
                if (w < 1) {
                    throw new IllegalArgumentException("Cartesian MLP: hidden widths " + Arrays.toString(hidden)
                            + " hold " + w + ", each must be at least 1");
                }
            }
            species = species.clone();
            hidden = hidden.clone();
        }

        /**
         * The atomic numbers, in one-hot order (a copy).
         *
         * @return a new array
         */
        @Override
        public int[] species() {
            return species.clone();
        }

        /**
         * The hidden-layer widths (a copy).
         *
         * @return a new array
         */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        /** Input width 3K + species, then the hidden widths, then 1. */
        int[] widths() {
            int[] widths = new int[hidden.length + 2];
            widths[0] = Math.addExact(Math.multiplyExact(3, neighbours), species.length);
            System.arraycopy(hidden, 0, widths, 1, hidden.length);
            widths[widths.length - 1] = 1;
            return widths;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && Arrays.equals(species, c.species) && neighbours == c.neighbours
                    && cutoff == c.cutoff && Arrays.equals(hidden, c.hidden);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(species) * 31 + Arrays.hashCode(hidden) + neighbours + Double.hashCode(cutoff);
        }

        @Override
        public String toString() {
            return "Config[species=" + Arrays.toString(species) + ", neighbours=" + neighbours + ", cutoff=" + cutoff
                    + ", hidden=" + Arrays.toString(hidden) + "]";
        }
    }

    /**
     * A model of {@code config}: parameters {@code net.weight} (the net's flat weights, drawn from N(0, 1)
     * with {@code seed} as e3nn initializes them) and {@code species_energy} (one per species, zero).
     *
     * @param config the architecture
     * @param seed the seed of the initial weights
     */
    public CartesianMlpPotential(Config config, long seed) {
        this.config = config;
        this.net = FullyConnectedNet.of(config.widths(), Activation.SILU);
        this.weights = parameters.add("net.weight", new int[] {net.weightCount()},
                net.initialWeights(new SplittableRandom(seed)));
        this.speciesEnergies = parameters.add("species_energy", new int[] {config.species.length},
                new double[config.species.length]);
    }

    /**
     * The architecture.
     *
     * @return the configuration
     */
    public Config config() {
        return config;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public double cutoff() {
        return config.cutoff();
    }

    @Override
    public PotentialEvaluation evaluate(AtomicBatch batch) {
        int[] species = speciesIndex(batch.numbers());
        SortedNeighbourFeatures features = new SortedNeighbourFeatures(batch.graph(), species, config.species.length,
                config.neighbours(), config.cutoff());
        return new CartesianMlpEvaluation(net, weights, speciesEnergies, features, species, batch.structureOfAtom(),
                batch.structureCount());
    }

    private int[] speciesIndex(int[] numbers) {
        int[] index = new int[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            index[i] = -1;
            for (int s = 0; s < config.species.length; s++) {
                if (config.species[s] == numbers[i]) {
                    index[i] = s;
                }
            }
            if (index[i] < 0) {
                throw new IllegalArgumentException("Cartesian MLP: atom " + i + " has atomic number " + numbers[i]
                        + ", not among the model's species " + Arrays.toString(config.species));
            }
        }
        return index;
    }
}
