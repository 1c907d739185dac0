package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;
import org.equikern.train.Parameters;

/**
 * One NequIP interaction block ({@code ConvNetLayer}): the {@link MessagePassing} of
 * {@code linear_1}, the convolution with per-edge weights from the radial MLP and {@code linear_2},
 * plus the {@code self_connection} of the block's input, then the gate. Its output irreps are the
 * hidden irreps that a path from the input and the harmonics reaches, as NequIP selects them; the gates
 * are {@code 0e} when such a path exists, else {@code 0o}. Parameters are named
 * {@code NAME.linear_1.weight}, {@code NAME.radial_mlp.layer{l}.weight}, {@code NAME.linear_2.weight},
 * {@code NAME.self_connection.weight}.
 */
final class InteractionLayer {
    private final MessagePassing messages;
    private final SelfConnection selfConnection;
    private final GateNonlinearity gate;

    /**
     * @param irrepsIn the features entering the block
     * @param sh       the irreps of the edge harmonics
     * @param hidden   the hidden irreps the block may produce
     * @param mlpHidden the radial MLP's input and hidden widths (its output is the weights per edge)
     */
    InteractionLayer(String name, Irreps irrepsIn, Irreps sh, Irreps hidden, int[] mlpHidden, NequipConfig config,
            Parameters parameters, SplittableRandom random) {
        List<MulIrrep> scalars = new ArrayList<>();
        List<MulIrrep> gated = new ArrayList<>();
        for (MulIrrep block : hidden) {
            if (MessagePassing.pathExists(irrepsIn, sh, block.irrep())) {
                (block.irrep().l() == 0 ? scalars : gated).add(block);
            }
        }
        Parity gateParity = MessagePassing.pathExists(irrepsIn, sh, Irrep.of(0, Parity.EVEN)) ? Parity.EVEN
                : Parity.ODD;
        this.gate = new GateNonlinearity(Irreps.of(scalars), Irreps.of(gated), gateParity);
        Irreps gateIn = gate.irrepsIn();
        this.messages = new MessagePassing(new MessagePassing.Names(name + ".linear_1", name + ".radial_mlp",
                name + ".linear_2"), irrepsIn, sh, gateIn, mlpHidden, 1 / Math.sqrt(config.avgNumNeighbors()),
                parameters, random);
        this.selfConnection = new SelfConnection(name + ".self_connection", irrepsIn, config.speciesCount(), gateIn,
                parameters, random);
    }

    /** The irreps of the block's output. */
    Irreps irrepsOut() {
        return gate.irrepsOut();
    }

    /** The block on a device, its weights uploaded now. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceInteraction(messages.onDevice(resources), selfConnection.onDevice(resources),
                gate.onDevice(resources));
    }

    /**
     * Runs the block.
     *
     * @param nodes  {@code atoms × dim(in)} features
     * @param oneHot {@code atoms × species} one-hot species
     * @param sh     {@code edges × dim(sh)} harmonics
     * @param radial {@code edges × num_basis} radial features
     */
    Step forward(double[] nodes, double[] oneHot, double[] sh, double[] radial, Graph graph) {
        return new Step(nodes, oneHot, sh, radial, graph);
    }

    /**
     * One run of the block, differentiated in the order backward, tangent, tangentBackward. The
     * reverse pass adds the gradients on the edge harmonics and radial features into the caller's
     * accumulators, which lead to the positions.
     */
    final class Step implements LayerStep {
        private final MessagePassing.Step messageStep;
        private final BilinearStep selfConnectionStep;
        private final GateNonlinearity.Step gateStep;

        private Step(double[] nodes, double[] oneHot, double[] sh, double[] radial, Graph graph) {
            messageStep = messages.forward(nodes, sh, radial, graph);
            selfConnectionStep = selfConnection.forward(nodes, oneHot, graph.atoms());
            gateStep = gate.forward(Rows.sum(messageStep.output(), selfConnectionStep.output()), graph.atoms());
        }

        @Override
        public double[] output() {
            return gateStep.output();
        }

        @Override
        public double[] backward(double[] gradOut, double[] gradSh, double[] gradRadial) {
            double[] gradGateIn = gateStep.backward(gradOut);
            double[] gradNodes = selfConnectionStep.backward(gradGateIn);
            Rows.addInto(gradNodes, messageStep.backward(gradGateIn, gradSh, gradRadial));
            return gradNodes;
        }

        @Override
        public void startTangent(double[] radialTangent) {
            messageStep.startTangent(radialTangent);
        }

        @Override
        public double[] tangent(double[] nodesTangent, double[] shTangent, double[] radialTangent) {
            double[] gateIn = Rows.sum(messageStep.tangent(nodesTangent, shTangent, radialTangent),
                    selfConnectionStep.tangent(nodesTangent));
            return gateStep.tangent(gateIn);
        }

        @Override
        public double[] tangentBackward(double[] gradOutTangent) {
            double[] gradGateIn = gateStep.tangentBackward(gradOutTangent);
            double[] gradNodes = selfConnectionStep.tangentBackward(gradGateIn);
            Rows.addInto(gradNodes, messageStep.tangentBackward(gradGateIn));
            return gradNodes;
        }

        @Override
        public void awaitTangentBackward() {
            messageStep.awaitTangentBackward();
        }
    }
}
