package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.AtomicBatch;

/**
 * One {@link MaceModel} evaluation: the forward pass and the reverse pass for the forces run on
 * construction, and every step keeps what {@link #backward} needs for the force-loss gradient. The
 * features after each layer feed both the next layer and that layer's readout, so their gradient is
 * the sum of the two.
 */
final class MaceEvaluation extends AtomCentredEvaluation {
    private final MaceModel model;
    private final int atoms;
    private final BilinearStep embeddingStep;
    private final List<MaceLayer.Step> layerSteps = new ArrayList<>();
    private final List<NodeStep> readoutSteps = new ArrayList<>();

    MaceEvaluation(MaceModel model, AtomicBatch batch) {
        super(model.edgeEmbedding(), batch);
        this.model = model;
        this.atoms = batch.atomCount();
        int[] species = model.species().indices(batch.numbers());
        double[] oneHot = model.species().oneHot(species);
        embeddingStep = model.embedding().forward(oneHot, atoms);
        double[] nodes = embeddingStep.output();
        double[] perAtom = new double[atoms];
        for (int i = 0; i < model.layers().size(); i++) {
            MaceLayer.Step step = model.layers().get(i).forward(nodes, oneHot, species, edges());
            layerSteps.add(step);
            nodes = step.output();
            NodeStep readout = model.readouts().get(i).forward(nodes, atoms);
            readoutSteps.add(readout);
            Rows.addInto(perAtom, readout.output());
        }
        predict(new AtomEnergies(perAtom, species, model.energyShifts(), model.energyScale(),
                batch.structureOfAtom(), batch.structureCount()), this::reversePass);
    }

    private void reversePass(double[] seed, double[] gradSh, double[] gradRadial) {
        double[] gradNodes = new double[lastLayerWidth()];
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            double[] gradOut = readoutSteps.get(i).backward(seed);
            Rows.addInto(gradOut, gradNodes);
            gradNodes = layerSteps.get(i).backward(gradOut, gradSh, gradRadial);
        }
        embeddingStep.backward(gradNodes);
    }

    @Override
    void tangentPasses(EdgeFeatures.Tangents t, double[] seedTangent) {
        startRadialTangents(layerSteps, t.radial());
        double[] nodesTangent = embeddingStep.tangent(new double[Math.multiplyExact(atoms, model.species().count())]);
        for (int i = 0; i < layerSteps.size(); i++) {
            nodesTangent = layerSteps.get(i).tangent(nodesTangent, t.sh(), t.radial());
            readoutSteps.get(i).tangent(nodesTangent);
        }

        double[] gradNodesTangent = new double[lastLayerWidth()];
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            double[] gradOutTangent = readoutSteps.get(i).tangentBackward(seedTangent);
            Rows.addInto(gradOutTangent, gradNodesTangent);
            gradNodesTangent = layerSteps.get(i).tangentBackward(gradOutTangent);
        }
        embeddingStep.tangentBackward(gradNodesTangent);
        awaitTangentBackwards(layerSteps);
    }

    /** {@code atoms × dim} of the last layer's output: the zero gradient arriving from beyond it. */
    private int lastLayerWidth() {
        return layerSteps.get(layerSteps.size() - 1).output().length;
    }
}
