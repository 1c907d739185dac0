package org.equikern.model;

import java.util.SplittableRandom;
import org.equikern.group.Irreps;
import org.equikern.train.Parameters;

/**
 * One MACE layer: an interaction block and the product block after it. The interaction is the
 * {@link MessagePassing} of {@code linear_up}, the convolution weighted by the radial MLP
 * ({@code conv_tp_weights}), divided by {@code avg_num_neighbors}, and {@code linear}; the product is
 * the {@link SymmetricProduct}. The species-dependent {@code skip_tp} (a {@link SelfConnection}) is
 * used as MACE uses it: in the first layer ({@code RealAgnosticInteractionBlock}) it maps the
 * messages, in later layers ({@code RealAgnosticResidualInteractionBlock}) it maps the layer's input
 * and is added to the product's output as a residual. Parameters {@code INTERACTION.linear_up.weight},
 * {@code INTERACTION.conv_tp_weights.layer{l}.weight}, {@code INTERACTION.linear.weight},
 * {@code INTERACTION.skip_tp.weight}, then the product's.
 */
final class MaceLayer {
    private final MessagePassing messages;
    private final SelfConnection skip;
    private final boolean residual;
    private final SymmetricProduct product;

    /**
     * @param irrepsIn  the node features entering the layer
     * @param sh        the irreps of the edge harmonics
     * @param irrepsOut the node features leaving it
     * @param residual  whether the skip connection is a residual of the input (every layer but the first)
     */
    MaceLayer(String interaction, String productName, Irreps irrepsIn, Irreps sh, Irreps irrepsOut, boolean residual,
            MaceConfig config, Parameters parameters, SplittableRandom random) {
        Irreps target = config.interactionIrreps();
        int[] mlpHidden = new int[config.radialMlp().size() + 1];
        mlpHidden[0] = config.numRadialBasis();
        for (int i = 0; i < config.radialMlp().size(); i++) {
            mlpHidden[i + 1] = config.radialMlp().get(i);
        }
        this.messages = new MessagePassing(new MessagePassing.Names(interaction + ".linear_up",
                interaction + ".conv_tp_weights", interaction + ".linear"), irrepsIn, sh, target, mlpHidden,
                1 / config.avgNumNeighbors(), parameters, random);
        this.residual = residual;
        this.skip = residual
                ? new SelfConnection(interaction + ".skip_tp", irrepsIn, config.speciesCount(), irrepsOut, parameters,
                        random)
                : new SelfConnection(interaction + ".skip_tp", target, config.speciesCount(), target, parameters,
                        random);
        this.product = new SymmetricProduct(productName, target, irrepsOut, config.correlation(),
                config.speciesCount(), parameters, random);
    }

    /** The layer on a device, its weights uploaded now. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceMaceLayer(messages.onDevice(resources), skip.onDevice(resources), residual,
                product.onDevice(resources));
    }

    /**
     * Runs the layer.
     *
     * @param nodes   {@code atoms × dim(in)} features
     * @param oneHot  {@code atoms × species} one-hot species
     * @param species the species index of each atom
     * @param edges   the embedded edges
     */
    Step forward(double[] nodes, double[] oneHot, int[] species, EdgeFeatures edges) {
        return new Step(nodes, oneHot, species, edges);
    }

    /** One run of the layer. */
    final class Step implements LayerStep {
        private final MessagePassing.Step messageStep;
        private final BilinearStep skipStep;
        private final SymmetricProduct.Step productStep;
        private final double[] output;

        private Step(double[] nodes, double[] oneHot, int[] species, EdgeFeatures edges) {
            Graph graph = edges.graph();
            int atoms = graph.atoms();
            messageStep = messages.forward(nodes, edges.sh(), edges.radial(), graph);
            if (residual) {
                skipStep = skip.forward(nodes, oneHot, atoms);
                productStep = product.forward(messageStep.output(), species, atoms);
                output = Rows.sum(productStep.output(), skipStep.output());
            } else {
                skipStep = skip.forward(messageStep.output(), oneHot, atoms);
                productStep = product.forward(skipStep.output(), species, atoms);
                output = productStep.output();
            }
        }

        @Override
        public double[] output() {
            return output;
        }

        @Override
        public double[] backward(double[] gradOut, double[] gradSh, double[] gradRadial) {
            double[] gradMessages = productStep.backward(gradOut);
            if (!residual) {
                return messageStep.backward(skipStep.backward(gradMessages), gradSh, gradRadial);
            }
            double[] gradNodes = skipStep.backward(gradOut);
            Rows.addInto(gradNodes, messageStep.backward(gradMessages, gradSh, gradRadial));
            return gradNodes;
        }

        @Override
        public void startTangent(double[] radialTangent) {
            messageStep.startTangent(radialTangent);
        }

        @Override
        public double[] tangent(double[] nodesTangent, double[] shTangent, double[] radialTangent) {
            double[] messagesTangent = messageStep.tangent(nodesTangent, shTangent, radialTangent);
            if (!residual) {
                return productStep.tangent(skipStep.tangent(messagesTangent));
            }
            return Rows.sum(productStep.tangent(messagesTangent), skipStep.tangent(nodesTangent));
        }

        @Override
        public double[] tangentBackward(double[] gradOutTangent) {
            double[] gradMessagesTangent = productStep.tangentBackward(gradOutTangent);
            if (!residual) {
                return messageStep.tangentBackward(skipStep.tangentBackward(gradMessagesTangent));
            }
            double[] gradNodes = skipStep.tangentBackward(gradOutTangent);
            Rows.addInto(gradNodes, messageStep.tangentBackward(gradMessagesTangent));
            return gradNodes;
        }

        @Override
        public void awaitTangentBackward() {
            messageStep.awaitTangentBackward();
        }
    }
}
