package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.train.PotentialEvaluation;

/**
 * One {@link NequipModel} evaluation: the forward pass and the reverse pass for the forces run on
 * construction, and every step keeps what {@link #backward} needs for the force-loss gradient.
 */
final class NequipEvaluation implements PotentialEvaluation {
    private final NequipModel model;
    private final int atoms;
    private final EdgeFeatures edges;
    private final BilinearStep embeddingStep;
    private final List<InteractionLayer.Step> layerSteps = new ArrayList<>();
    private final BilinearStep readoutStep;
    private final AtomEnergies energies;
    private final double[] forces;

    NequipEvaluation(NequipModel model, AtomicBatch batch) {
        this.model = model;
        this.atoms = batch.atomCount();
        this.edges = new EdgeFeatures(model.edgeEmbedding(), batch);
        Graph graph = edges.graph();
        int[] species = model.species().indices(batch.numbers());
        double[] oneHot = model.species().oneHot(species);
        embeddingStep = model.embedding().forward(oneHot, atoms);
        double[] nodes = embeddingStep.output();
        for (InteractionLayer layer : model.layers()) {
            InteractionLayer.Step step = layer.forward(nodes, oneHot, edges.sh(), edges.radial(), graph);
            layerSteps.add(step);
            nodes = step.output();
        }
        readoutStep = model.readout().forward(nodes, atoms);
        NequipConfig config = model.config();
        energies = new AtomEnergies(readoutStep.output(), species, config.perSpeciesShifts(), config.globalScale(),
                batch.structureOfAtom(), batch.structureCount());

        double[] gradSh = edges.newShArray();
        double[] gradRadial = edges.newRadialArray();
        double[] gradNodes = readoutStep.backward(energies.outputSeed());
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            gradNodes = layerSteps.get(i).backward(gradNodes, gradSh, gradRadial);
        }
        embeddingStep.backward(gradNodes);
        forces = edges.forces(gradSh, gradRadial);
    }

    @Override
    public double[] energies() {
        return energies.energies().clone();
    }

    @Override
    public double[] atomEnergies() {
        return energies.atomEnergies().clone();
    }

    @Override
    public double[] forces() {
        return forces.clone();
    }

    /**
     * Adds {@code d/dθ (gradEnergies·E + gradForces·F)} to every parameter's gradient. Since
     * {@code F = −∂(ΣE)/∂x}, {@code gradForces·F} is the derivative of {@code −ΣE} along the positions'
     * direction {@code gradForces}: the reverse pass (seed 1 per structure) is differentiated along the
     * position tangent {@code −gradForces}, with {@code gradEnergies} as the tangent of its seed.
     */
    @Override
    public void backward(double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation.checkSeeds(gradEnergies, energies.energies().length, gradForces, forces.length);
        EdgeFeatures.Tangents t = edges.forceLossTangents(gradForces);
        double[] nodesTangent = embeddingStep.tangent(new double[Math.multiplyExact(atoms, model.species().count())]);
        for (InteractionLayer.Step step : layerSteps) {
            nodesTangent = step.tangent(nodesTangent, t.sh(), t.radial());
        }
        readoutStep.tangent(nodesTangent);

        double[] gradNodesTangent = readoutStep.tangentBackward(energies.outputSeed(gradEnergies));
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            gradNodesTangent = layerSteps.get(i).tangentBackward(gradNodesTangent);
        }
        embeddingStep.tangentBackward(gradNodesTangent);
    }
}
