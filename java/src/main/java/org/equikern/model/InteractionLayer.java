package org.equikern.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.TensorProductSpec;
import org.equikern.train.Parameters;

/**
 * One NequIP interaction block ({@code ConvNetLayer}): {@code linear_1}, the convolution with
 * per-edge weights from the radial MLP, {@code linear_2}, plus the {@code self_connection} of the
 * block's input, then the gate. Its output irreps are the hidden irreps that a path from the input
 * and the harmonics reaches, as NequIP selects them; the gates are {@code 0e} when such a path
 * exists, else {@code 0o}. Parameters are named {@code NAME.linear_1.weight},
 * {@code NAME.radial_mlp.layer{l}.weight}, {@code NAME.linear_2.weight},
 * {@code NAME.self_connection.weight}.
 */
final class InteractionLayer {
    private final LinearLayer linear1;
    private final RadialMlp radialMlp;
    private final Convolution convolution;
    private final LinearLayer linear2;
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
            if (pathExists(irrepsIn, sh, block.irrep())) {
                (block.irrep().l() == 0 ? scalars : gated).add(block);
            }
        }
        Parity gateParity = pathExists(irrepsIn, sh, Irrep.of(0, Parity.EVEN)) ? Parity.EVEN : Parity.ODD;
        this.gate = new GateNonlinearity(Irreps.of(scalars), Irreps.of(gated), gateParity);
        Irreps gateIn = gate.irrepsIn();
        TensorProduct tp = new TensorProduct(convolutionSpec(irrepsIn, sh, gateIn));
        this.linear1 = new LinearLayer(name + ".linear_1", irrepsIn, irrepsIn, parameters, random);
        int[] widths = Arrays.copyOf(mlpHidden, mlpHidden.length + 1);
        widths[mlpHidden.length] = tp.weightNumel();
        this.radialMlp = new RadialMlp(name + ".radial_mlp", widths, parameters, random);
        this.convolution = new Convolution(tp, config.avgNumNeighbors());
        this.linear2 = new LinearLayer(name + ".linear_2", tp.irrepsOut(), gateIn, parameters, random);
        this.selfConnection = new SelfConnection(name + ".self_connection", irrepsIn, config.speciesCount(), gateIn,
                parameters, random);
    }

    /** Whether some block of {@code a} times some block of {@code b} contains {@code ir}. */
    private static boolean pathExists(Irreps a, Irreps b, Irrep ir) {
        for (MulIrrep x : a) {
            for (MulIrrep y : b) {
                if (x.irrep().couplesTo(y.irrep(), ir)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * NequIP's convolution product: a {@code uvu} path from every (feature block, harmonic) to every
     * irrep of the gate's input it reaches, each path its own output block ({@code irreps_mid}),
     * output blocks sorted by irrep; per-edge weights.
     */
    private static TensorProductSpec convolutionSpec(Irreps in, Irreps sh, Irreps target) {
        List<int[]> paths = new ArrayList<>();
        List<MulIrrep> mid = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            for (int j = 0; j < sh.size(); j++) {
                for (Irrep out : in.get(i).irrep().times(sh.get(j).irrep())) {
                    if (contains(target, out)) {
                        paths.add(new int[] {i, j});
                        mid.add(new MulIrrep(in.get(i).mul(), out));
                    }
                }
            }
        }
        Irreps.Sorted sorted = Irreps.of(mid).sort();
        int[] position = sorted.permutation();
        TensorProductSpec.Builder b = TensorProductSpec.builder(in, sh, sorted.irreps()).sharedWeights(false);
        for (int k = 0; k < paths.size(); k++) {
            b.instruction(paths.get(k)[0], paths.get(k)[1], position[k], "uvu", true);
        }
        return b.build();
    }

    private static boolean contains(Irreps irreps, Irrep ir) {
        for (MulIrrep block : irreps) {
            if (block.irrep().equals(ir)) {
                return true;
            }
        }
        return false;
    }

    /** The irreps of the block's output. */
    Irreps irrepsOut() {
        return gate.irrepsOut();
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
    final class Step {
        private final BilinearStep linear1Step;
        private final RadialMlp.Step mlpStep;
        private final Convolution.Step convolutionStep;
        private final BilinearStep linear2Step;
        private final BilinearStep selfConnectionStep;
        private final GateNonlinearity.Step gateStep;

        private Step(double[] nodes, double[] oneHot, double[] sh, double[] radial, Graph graph) {
            int atoms = graph.atoms();
            linear1Step = linear1.forward(nodes, atoms);
            mlpStep = radialMlp.forward(radial, graph.edges());
            convolutionStep = convolution.forward(linear1Step.output(), sh, mlpStep.output(), graph);
            linear2Step = linear2.forward(convolutionStep.output(), atoms);
            selfConnectionStep = selfConnection.forward(nodes, oneHot, atoms);
            gateStep = gate.forward(Rows.sum(linear2Step.output(), selfConnectionStep.output()), atoms);
        }

        double[] output() {
            return gateStep.output();
        }

        /** The gradient on the input features; adds the gradients on harmonics and radial features into theirs. */
        double[] backward(double[] gradOut, double[] gradSh, double[] gradRadial) {
            double[] gradGateIn = gateStep.backward(gradOut);
            double[] gradNodes = selfConnectionStep.backward(gradGateIn);
            Convolution.Grads g = convolutionStep.backward(linear2Step.backward(gradGateIn));
            Rows.addInto(gradSh, g.sh());
            Rows.addInto(gradRadial, mlpStep.backward(g.weights()));
            Rows.addInto(gradNodes, linear1Step.backward(g.nodes()));
            return gradNodes;
        }

        /** The output's tangent from the tangents of the input features, harmonics and radial features. */
        double[] tangent(double[] nodesTangent, double[] shTangent, double[] radialTangent) {
            double[] weightTangent = mlpStep.tangent(radialTangent);
            double[] convolved = convolutionStep.tangent(linear1Step.tangent(nodesTangent), shTangent, weightTangent);
            double[] gateIn = Rows.sum(linear2Step.tangent(convolved), selfConnectionStep.tangent(nodesTangent));
            return gateStep.tangent(gateIn);
        }

        /** The tangent of the gradient on the input features; adds every weight's second-order gradient. */
        double[] tangentBackward(double[] gradOutTangent) {
            double[] gradGateIn = gateStep.tangentBackward(gradOutTangent);
            double[] gradNodes = selfConnectionStep.tangentBackward(gradGateIn);
            Convolution.TangentGrads g = convolutionStep.tangentBackward(linear2Step.tangentBackward(gradGateIn));
            mlpStep.tangentBackward(g.weights());
            Rows.addInto(gradNodes, linear1Step.tangentBackward(g.nodes()));
            return gradNodes;
        }
    }
}
