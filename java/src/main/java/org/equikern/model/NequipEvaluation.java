package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.AtomicBatch;

/**
 * One {@link NequipModel} evaluation: the forward pass and the reverse pass for the forces run on
 * construction, and every step keeps what {@link #backward} needs for the force-loss gradient.
 */
final class NequipEvaluation extends AtomCentredEvaluation {
    private final NequipModel model;
    private final int atoms;
    private final BilinearStep embeddingStep;
    private final List<InteractionLayer.Step> layerSteps = new ArrayList<>();
    private final BilinearStep readoutStep;

    NequipEvaluation(NequipModel model, AtomicBatch batch) {
        super(model.edgeEmbedding(), batch);
        this.model = model;
        this.atoms = batch.atomCount();
        EdgeFeatures edges = edges();
        int[] species = model.species().indices(batch.numbers());
        double[] oneHot = model.species().oneHot(species);
        embeddingStep = model.embedding().forward(oneHot, atoms);
        double[] nodes = embeddingStep.output();
        for (InteractionLayer layer : model.layers()) {
            InteractionLayer.Step step = layer.forward(nodes, oneHot, edges.sh(), edges.radial(), edges.graph());
            layerSteps.add(step);
            nodes = step.output();
        }
        readoutStep = model.readout().forward(nodes, atoms);
        predict(new AtomEnergies(readoutStep.output(), species, model.energyShifts(), model.energyScale(),
                batch.structureOfAtom(), batch.structureCount()), this::reversePass);
    }

    private void reversePass(double[] seed, double[] gradSh, double[] gradRadial) {
        double[] gradNodes = readoutStep.backward(seed);
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            gradNodes = layerSteps.get(i).backward(gradNodes, gradSh, gradRadial);
        }
        embeddingStep.backward(gradNodes);
    }

    @Override
    void tangentPasses(EdgeFeatures.Tangents t, double[] seedTangent) {
        startRadialTangents(layerSteps, t.radial());
        double[] nodesTangent = embeddingStep.tangent(new double[Math.multiplyExact(atoms, model.species().count())]);
        for (InteractionLayer.Step step : layerSteps) {
            nodesTangent = step.tangent(nodesTangent, t.sh(), t.radial());
        }
        readoutStep.tangent(nodesTangent);

        double[] gradNodesTangent = readoutStep.tangentBackward(seedTangent);
        for (int i = layerSteps.size() - 1; i >= 0; i--) {
            gradNodesTangent = layerSteps.get(i).tangentBackward(gradNodesTangent);
        }
        embeddingStep.tangentBackward(gradNodesTangent);
        awaitTangentBackwards(layerSteps);
    }
}
