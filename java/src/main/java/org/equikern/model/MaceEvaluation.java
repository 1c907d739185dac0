package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.train.PotentialEvaluation;

/**
 * One {@link MaceModel} evaluation: the forward pass and the reverse pass for the forces run on
 * construction, and every step keeps what {@link #backward} needs for the force-loss gradient. The
 * features after each layer feed both the next layer and that layer's readout, so their gradient is
 * the sum of the two.
 */
final class MaceEvaluation implements PotentialEvaluation {
    private final MaceModel model;
    private final int atoms;
    private final EdgeFeatures edges;
    private final BilinearStep embeddingStep;
    private final List<MaceLayer.Step> layerSteps = new ArrayList<>();
    private final List<NodeStep> readoutSteps = new ArrayList<>();
    private final AtomEnergies energies;
    private final double[] forces;

    MaceEvaluation(MaceModel model, AtomicBatch batch) {
        this.model = model;
        this.atoms = batch.atomCount();
        this.edges = new EdgeFeatures(model.edgeEmbedding(), batch);
        int[] species = model.species().indices(batch.numbers());
        double[] oneHot = model.species().oneHot(species);
        embeddingStep = model.embedding().forward(oneHot, atoms);
        double[] nodes = embeddingStep.output();
        double[] perAtom = new double[atoms];
        for (int i = 0; i < model.layers().size(); i++) {
            MaceLayer.Step step = model.layers().get(i).forward(nodes, oneHot, species, edges);
            layerSteps.add(step);
            nodes = step.output();
            NodeStep readout = model.readouts().get(i).forward(nodes, atoms);
            readoutSteps.add(readout);
            Rows.addInto(perAtom, readout.output());
        }
        MaceConfig config = model.config();
        energies = new AtomEnergies(perAtom, species, config.perSpeciesShifts(), config.atomicInterScale(),
                batch.structureOfAtom(), batch.structureCount());

        double[] gradSh = edges.newShArray();
        double[] gradRadial = edges.newRadialArray();
        double[] seed = energies.outputSeed();
        double[] gradNodes = new double[nodes.length];
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            double[] gradOut = readoutSteps.get(i).backward(seed);
            Rows.addInto(gradOut, gradNodes);
            gradNodes = layerSteps.get(i).backward(gradOut, gradSh, gradRadial);
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
     * Adds {@code d/dθ (gradEnergies·E + gradForces·F)} to every parameter's gradient: the reverse pass
     * differentiated along the position tangent {@code −gradForces}, with {@code gradEnergies} as the
     * tangent of its seed (see {@link EdgeFeatures#forceLossTangents}).
     */
    @Override
    public void backward(double[] gradEnergies, double[] gradForces) {
        PotentialEvaluation.checkSeeds(gradEnergies, energies.energies().length, gradForces, forces.length);
        EdgeFeatures.Tangents t = edges.forceLossTangents(gradForces);
        double[] nodesTangent = embeddingStep.tangent(new double[Math.multiplyExact(atoms, model.species().count())]);
        for (int i = 0; i < layerSteps.size(); i++) {
            nodesTangent = layerSteps.get(i).tangent(nodesTangent, t.sh(), t.radial());
            readoutSteps.get(i).tangent(nodesTangent);
        }

        double[] seedTangent = energies.outputSeed(gradEnergies);
        double[] gradNodesTangent = new double[layerSteps.get(layerSteps.size() - 1).output().length];
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            double[] gradOutTangent = readoutSteps.get(i).tangentBackward(seedTangent);
            Rows.addInto(gradOutTangent, gradNodesTangent);
            gradNodesTangent = layerSteps.get(i).tangentBackward(gradOutTangent);
        }
        embeddingStep.tangentBackward(gradNodesTangent);
    }
}
