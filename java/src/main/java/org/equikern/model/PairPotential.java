package org.equikern.model;

import java.util.Arrays;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Elements;
import org.equikern.data.NeighbourList;
import org.equikern.nn.BesselBasis;
import org.equikern.nn.PolynomialCutoff;
import org.equikern.train.Parameters;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;

/**
 * A learned pair potential, the baseline model type {@code pair}:
 * <pre>
 *   E = Σ_atoms E0(s_i) + ½ Σ_edges φ_{s_i s_j}(r),   φ_ab(r) = scale · Σ_k w_{ab,k} B_k(r) u(r)
 * </pre>
 * over the directed edges of the neighbour list (each pair appears twice, hence ½), with NequIP's
 * Bessel basis B_k ({@link BesselBasis#nequip}), its polynomial envelope u ({@link PolynomialCutoff}),
 * one trainable weight row per unordered species pair ({@code pair_weights}, shape
 * {@code [pairs, num_basis]}, pairs ordered (0,0), (0,1), …, (1,1), …), fixed per-species shifts E0
 * and a fixed scale. Forces are exact, −∂E/∂positions. Since the forces are linear in the weights,
 * the parameter gradient of a force loss needs only first radial derivatives.
 */
public final class PairPotential implements Potential {
    /** The name of the single parameter. */
    public static final String WEIGHTS = "pair_weights";

    private final int[] species;
    private final int[] speciesIndex;
    private final double[] shifts;
    private final double scale;
    private final BesselBasis basis;
    private final PolynomialCutoff envelope;
    private final Parameters parameters = new Parameters();

    /**
     * A pair potential with weights drawn from N(0, initStd²) by {@code new Random(seed)}.
     *
     * @param species     atomic numbers, distinct
     * @param shifts      energy per atom of each species
     * @param cutoff      r_max
     * @param numBasis    Bessel functions, ≥ 1
     * @param exponent    the envelope's exponent p, ≥ 1
     * @param scale       factor on every pair energy, finite and nonzero
     * @param initStd     standard deviation of the initial weights, ≥ 0
     * @param seed        seed of the initial weights
     */
    public PairPotential(int[] species, double[] shifts, double cutoff, int numBasis, double exponent, double scale,
            double initStd, long seed) {
        if (species.length == 0 || shifts.length != species.length) {
            throw new IllegalArgumentException("PairPotential: " + species.length + " species and " + shifts.length
                    + " shifts; need at least one species and one shift each");
        }
        if (!(Double.isFinite(scale) && scale != 0)) {
            throw new IllegalArgumentException("PairPotential: scale = " + scale + ": must be finite and nonzero");
        }
        if (!(initStd >= 0)) {
            throw new IllegalArgumentException("PairPotential: initStd = " + initStd + ": must be >= 0");
        }
        this.species = species.clone();
        this.speciesIndex = new int[Elements.maxNumber() + 1];
        Arrays.fill(speciesIndex, -1);
        for (int i = 0; i < species.length; i++) {
            Elements.symbol(species[i]); // rejects an atomic number outside 1..118
            if (speciesIndex[species[i]] >= 0) {
                throw new IllegalArgumentException("PairPotential: species " + species[i] + " given twice");
            }
            speciesIndex[species[i]] = i;
        }
        this.shifts = shifts.clone();
        this.scale = scale;
        this.basis = BesselBasis.nequip(cutoff, numBasis);
        this.envelope = PolynomialCutoff.of(cutoff, exponent);
        int pairs = species.length * (species.length + 1) / 2;
        double[] weights = new double[Math.multiplyExact(pairs, numBasis)];
        Random random = new Random(seed);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = initStd * random.nextGaussian();
        }
        parameters.add(WEIGHTS, new int[] {pairs, numBasis}, weights);
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public double cutoff() {
        return basis.radius();
    }

    /**
     * The atomic numbers this model knows, in its order.
     *
     * @return a new array
     */
    public int[] species() {
        return species.clone();
    }

    /**
     * The row of {@code pair_weights} of species indices a and b (either order).
     *
     * @param a a species index, 0 ≤ a &lt; species().length
     * @param b a species index, 0 ≤ b &lt; species().length
     * @return the row index
     */
    public int pairIndex(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        // Rows of lo come after those of every smaller first index: Σ_{m<lo} (S − m) rows.
        return lo * species.length - lo * (lo - 1) / 2 + (hi - lo);
    }

    @Override
    public PotentialEvaluation evaluate(AtomicBatch batch) {
        int[] numbers = batch.numbers();
        int[] index = new int[numbers.length];
        for (int a = 0; a < numbers.length; a++) {
            int z = numbers[a];
            index[a] = z < speciesIndex.length ? speciesIndex[z] : -1;
            if (index[a] < 0) {
                throw new IllegalArgumentException("PairPotential: atom " + a + " has atomic number " + z
                        + ", not among the model's species " + Arrays.toString(species));
            }
        }
        return new Evaluation(batch, index);
    }

    /** Per-edge radial values kept for the backward pass. */
    private final class Evaluation implements PotentialEvaluation {
        private final int k = basis.size();
        private final int[] senders;
        private final int[] receivers;
        private final int[] edgeStructure;
        private final int[] pair;
        private final double[] unit;
        private final double[] radial;
        private final double[] radialDerivative;
        private final double[] energies;
        private final double[] forces;

        Evaluation(AtomicBatch batch, int[] index) {
            NeighbourList graph = batch.graph();
            int edges = graph.edgeCount();
            int[] structureOfAtom = batch.structureOfAtom();
            senders = graph.senders();
            receivers = graph.receivers();
            edgeStructure = new int[edges];
            pair = new int[edges];
            unit = graph.vectors();
            double[] distances = graph.distances();
            radial = new double[Math.multiplyExact(edges, k)];
            radialDerivative = new double[radial.length];
            energies = new double[batch.structureCount()];
            forces = new double[Math.multiplyExact(batch.atomCount(), 3)];
            for (int a = 0; a < index.length; a++) {
                energies[structureOfAtom[a]] += shifts[index[a]];
            }
            double[] w = parameters.get(WEIGHTS).values();
            double[] b = new double[k];
            double[] db = new double[k];
            for (int e = 0; e < edges; e++) {
                double r = distances[e];
                edgeStructure[e] = structureOfAtom[receivers[e]];
                pair[e] = pairIndex(index[senders[e]], index[receivers[e]]);
                basis.evaluate(r, b, db, 0);
                double u = envelope.value(r);
                double du = envelope.derivative(r);
                double phi = 0;
                double dphi = 0;
                for (int q = 0; q < k; q++) {
                    radial[e * k + q] = b[q] * u;
                    radialDerivative[e * k + q] = db[q] * u + b[q] * du;
                    phi += w[pair[e] * k + q] * radial[e * k + q];
                    dphi += w[pair[e] * k + q] * radialDerivative[e * k + q];
                }
                energies[edgeStructure[e]] += 0.5 * scale * phi;
                double half = 0.5 * scale * dphi;
                for (int c = 0; c < 3; c++) {
                    unit[3 * e + c] /= r;
                    forces[3 * receivers[e] + c] -= half * unit[3 * e + c];
                    forces[3 * senders[e] + c] += half * unit[3 * e + c];
                }
            }
        }

        @Override
        public double[] energies() {
            return energies.clone();
        }

        @Override
        public double[] forces() {
            return forces.clone();
        }

        @Override
        public void backward(double[] gradEnergies, double[] gradForces) {
            PotentialEvaluation.checkSeeds(gradEnergies, energies.length, gradForces, forces.length);
            double[] grad = parameters.get(WEIGHTS).grad();
            for (int e = 0; e < senders.length; e++) {
                // ∂F_receiver/∂w = −½·scale·g'·û and ∂F_sender/∂w = +½·scale·g'·û.
                double dot = 0;
                for (int c = 0; c < 3; c++) {
                    dot += (gradForces[3 * senders[e] + c] - gradForces[3 * receivers[e] + c]) * unit[3 * e + c];
                }
                double energySeed = 0.5 * scale * gradEnergies[edgeStructure[e]];
                double forceSeed = 0.5 * scale * dot;
                for (int q = 0; q < k; q++) {
                    grad[pair[e] * k + q] += energySeed * radial[e * k + q] + forceSeed * radialDerivative[e * k + q];
                }
            }
        }
    }
}
