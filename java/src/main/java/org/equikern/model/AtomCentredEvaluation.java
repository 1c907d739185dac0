package org.equikern.model;

import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.train.PotentialEvaluation;

/**
 * What the evaluations of NequIP and MACE share: the embedded edges, the energies summed per structure,
 * the forces from the reverse pass, and the force-loss gradient as that reverse pass differentiated along
 * the positions' direction {@code −gradForces} ({@link EdgeFeatures#forceLossTangents}), with
 * {@code gradEnergies} as the tangent of its seed. A subclass runs its forward pass in its constructor
 * and then calls {@link #predict} once.
 */
abstract class AtomCentredEvaluation implements PotentialEvaluation {
    private final EdgeFeatures edges;
    private AtomEnergies energies;
    private double[] forces;

    AtomCentredEvaluation(EdgeEmbedding embedding, AtomicBatch batch) {
        this.edges = new EdgeFeatures(embedding, batch);
    }

    /** The embedded edges of the batch. */
    final EdgeFeatures edges() {
        return edges;
    }

    /** The network's reverse pass from the gradient on each atom's output to the edge features. */
    interface ReversePass {
        /** Adds the gradients on the harmonics and radial features, given {@code seed} on each atom's output. */
        void run(double[] seed, double[] gradSh, double[] gradRadial);
    }

    /** Keeps the energies and computes the forces with {@code reverse}; called once, after the forward pass. */
    final void predict(AtomEnergies atomEnergies, ReversePass reverse) {
        this.energies = atomEnergies;
        double[] gradSh = edges.newShArray();
        double[] gradRadial = edges.newRadialArray();
        reverse.run(atomEnergies.outputSeed(), gradSh, gradRadial);
        this.forces = edges.forces(gradSh, gradRadial);
    }

    /**
     * Differentiates the forward pass along the edge features' tangents {@code t} and then the reverse
     * pass, whose seed has the tangent {@code seedTangent}, adding every parameter's second-order gradient.
     */
    abstract void tangentPasses(EdgeFeatures.Tangents t, double[] seedTangent);

    /**
     * Starts every layer's radial part of the tangent pass but the first's, whose tangent is needed at
     * once: the others overlap the layers before them.
     */
    static void startRadialTangents(List<? extends LayerStep> layers, double[] radialTangent) {
        for (int i = 1; i < layers.size(); i++) {
            layers.get(i).startTangent(radialTangent);
        }
    }

    /** Waits for every layer's weight gradients that its tangent backward pass started on the pool. */
    static void awaitTangentBackwards(List<? extends LayerStep> layers) {
        for (LayerStep layer : layers) {
            layer.awaitTangentBackward();
        }
    }

    @Override
    public final double[] energies() {
        return energies.energies().clone();
    }

    @Override
    public final double[] atomEnergies() {
        return energies.atomEnergies().clone();
    }

    @Override
    public final double[] forces() {
        return forces.clone();
    }

    /**
     * Adds {@code d/dθ (gradEnergies·E + gradForces·F)} to every parameter's gradient. Since
     * {@code F = −∂(ΣE)/∂x}, {@code gradForces·F} is the derivative of {@code −ΣE} along the positions'
     * direction {@code gradForces}: the reverse pass (seed 1 per structure) is differentiated along the
     * position tangent {@code −gradForces}, with {@code gradEnergies} as the tangent of its seed.
     */
    @Override
    public final void backward(double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation.checkSeeds(gradEnergies, energies.energies().length, gradForces, forces.length);
        tangentPasses(edges.forceLossTangents(gradForces), energies.outputSeed(gradEnergies));
    }
}
