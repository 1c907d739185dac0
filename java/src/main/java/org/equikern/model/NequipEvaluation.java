package org.equikern.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.data.NeighbourList;
import org.equikern.data.EdgeIndex;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.train.PotentialEvaluation;

/**
 * One {@link NequipModel} evaluation: the forward pass and the reverse pass for the forces run on
 * construction, and every step keeps what {@link #backward} needs for the force-loss gradient.
 */
final class NequipEvaluation implements PotentialEvaluation {
    private final NequipModel model;
    private final int atoms;
    private final int[] structureOfAtom;
    private final double[] positions;
    private final double[] shifts;
    private final EdgeIndex edgeIndex;
    private final BilinearStep embeddingStep;
    private final List<InteractionLayer.Step> layerSteps = new ArrayList<>();
    private final BilinearStep readoutStep;
    private final double[] energies;
    private final double[] atomEnergies;
    private final double[] forces;

    NequipEvaluation(NequipModel model, AtomicBatch batch) {
        this.model = model;
        NeighbourList neighbours = batch.graph();
        this.atoms = batch.atomCount();
        this.structureOfAtom = batch.structureOfAtom();
        this.positions = batch.positions();
        this.shifts = neighbours.cartesianShifts();
        Graph graph = new Graph(atoms, neighbours.senders(), neighbours.receivers());
        this.edgeIndex = EdgeIndex.of(atoms, graph.senders(), graph.receivers());
        int edges = graph.edges();
        EdgeEmbedding edgeEmbedding = model.edgeEmbedding();
        double[] sh = new double[Math.multiplyExact(edges, edgeEmbedding.shDim())];
        double[] radial = new double[Math.multiplyExact(edges, edgeEmbedding.radialSize())];
        edgeEmbedding.forward(positions, shifts, edgeIndex, null, null, sh, radial);

        int[] species = model.species().indices(batch.numbers());
        double[] oneHot = model.species().oneHot(species);
        embeddingStep = model.embedding().forward(oneHot, atoms);
        double[] nodes = embeddingStep.output();
        for (InteractionLayer layer : model.layers()) {
            InteractionLayer.Step step = layer.forward(nodes, oneHot, sh, radial, graph);
            layerSteps.add(step);
            nodes = step.output();
        }
        readoutStep = model.readout().forward(nodes, atoms);

        NequipConfig config = model.config();
        double[] perAtom = readoutStep.output();
        energies = new double[batch.structureCount()];
        atomEnergies = new double[atoms];
        for (int a = 0; a < atoms; a++) {
            atomEnergies[a] = config.globalScale() * perAtom[a] + config.perSpeciesShifts().get(species[a]);
            energies[structureOfAtom[a]] += atomEnergies[a];
        }

        double[] ones = new double[atoms];
        Arrays.fill(ones, config.globalScale());
        double[] gradSh = new double[sh.length];
        double[] gradRadial = new double[radial.length];
        double[] gradNodes = readoutStep.backward(ones);
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            gradNodes = layerSteps.get(i).backward(gradNodes, gradSh, gradRadial);
        }
        embeddingStep.backward(gradNodes);
        double[] gradPositions = new double[positions.length];
        edgeEmbedding.backward(positions, shifts, edgeIndex, gradSh, gradRadial, gradPositions, null);
        forces = new double[positions.length];
        for (int i = 0; i < forces.length; i++) {
            forces[i] = -gradPositions[i];
        }
    }

    @Override
    public double[] energies() {
        return energies.clone();
    }

    @Override
    public double[] atomEnergies() {
        return atomEnergies.clone();
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
        PotentialEvaluation.checkSeeds(gradEnergies, energies.length, gradForces, forces.length);
        double[] positionTangent = new double[gradForces.length];
        for (int i = 0; i < positionTangent.length; i++) {
            positionTangent[i] = -gradForces[i];
        }
        EdgeEmbedding edgeEmbedding = model.edgeEmbedding();
        int edges = edgeIndex.edges();
        double[] shTangent = new double[Math.multiplyExact(edges, edgeEmbedding.shDim())];
        double[] radialTangent = new double[Math.multiplyExact(edges, edgeEmbedding.radialSize())];
        edgeEmbedding.tangent(positions, shifts, edgeIndex, positionTangent, null, shTangent, radialTangent);

        double[] nodesTangent = embeddingStep.tangent(new double[Math.multiplyExact(atoms, model.species().count())]);
        for (InteractionLayer.Step step : layerSteps) {
            nodesTangent = step.tangent(nodesTangent, shTangent, radialTangent);
        }
        readoutStep.tangent(nodesTangent);

        double[] seedTangent = new double[atoms];
        for (int a = 0; a < atoms; a++) {
            seedTangent[a] = model.config().globalScale() * gradEnergies[structureOfAtom[a]];
        }
        double[] gradNodesTangent = readoutStep.tangentBackward(seedTangent);
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            gradNodesTangent = layerSteps.get(i).tangentBackward(gradNodesTangent);
        }
        embeddingStep.tangentBackward(gradNodesTangent);
    }
}
