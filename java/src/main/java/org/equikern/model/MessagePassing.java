package org.equikern.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinTask;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.ops.tensorproduct.JavaTensorProductExecutor;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.train.Parameters;

/**
 * The message-passing core that NequIP's and MACE's interaction blocks share: a linear map of the
 * node features ({@code linear_1} / {@code linear_up}), the channel-wise {@link Convolution} of the
 * senders' features with the edge harmonics, weighted per edge by a {@link RadialMlp} of the radial
 * features and normalized per receiver, then a linear map to the target irreps ({@code linear_2} /
 * {@code linear}). Parameters are registered in that order, under the names the caller gives.
 */
final class MessagePassing {
    private final LinearLayer linearIn;
    private final RadialMlp radialMlp;
    private final Convolution convolution;
    private final LinearLayer linearOut;

    /** The parameter names of the three trained pieces. */
    record Names(String linearIn, String radialMlp, String linearOut) {
    }

    /**
     * @param irrepsIn      the node features
     * @param sh            the irreps of the edge harmonics
     * @param target        the irreps of the messages after the last linear map
     * @param mlpHidden     the radial MLP's input and hidden widths (its output is the weights per edge)
     * @param normalization the factor on each receiver's sum of messages
     */
    MessagePassing(Names names, Irreps irrepsIn, Irreps sh, Irreps target, int[] mlpHidden, double normalization,
            Parameters parameters, SplittableRandom random) {
        // Per edge a sample carries little work, but the product runs on every edge several times per step.
        Plan plan = Plan.of(convolutionSpec(irrepsIn, sh, target));
        this.convolution = new Convolution(JavaTensorProductExecutor.compiledWhateverTheSize(plan), normalization);
        this.linearIn = new LinearLayer(names.linearIn(), irrepsIn, irrepsIn, parameters, random);
        int[] widths = Arrays.copyOf(mlpHidden, mlpHidden.length + 1);
        widths[mlpHidden.length] = plan.weightNumel();
        this.radialMlp = new RadialMlp(names.radialMlp(), widths, parameters, random);
        this.linearOut = new LinearLayer(names.linearOut(), plan.spec().irrepsOut(), target, parameters, random);
    }

    /** The block on a device; the convolution's normalization rides on the last linear map's weights. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceMessagePassing(resources, linearIn.onDevice(resources), radialMlp.onDevice(resources),
                convolution.plan(), linearOut.onDevice(resources, convolution.normalization()));
    }

    /** Whether some block of {@code a} times some block of {@code b} contains {@code ir}. */
    static boolean pathExists(Irreps a, Irreps b, Irrep ir) {
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
     * The convolution product of NequIP and MACE: a {@code uvu} path from every (feature block,
     * harmonic) to every irrep of {@code target} it reaches, each path its own output block
     * ({@code irreps_mid}), output blocks sorted by irrep; per-edge weights.
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

    /**
     * Runs the block.
     *
     * @param nodes  {@code atoms × dim(in)} features
     * @param sh     {@code edges × dim(sh)} harmonics
     * @param radial {@code edges × num_basis} radial features
     */
    Step forward(double[] nodes, double[] sh, double[] radial, Graph graph) {
        return new Step(nodes, sh, radial, graph);
    }

    /**
     * One run, differentiated in the order backward, tangent, tangentBackward. The reverse pass adds
     * the gradients on the edge harmonics and radial features into the caller's accumulators, which
     * lead to the positions.
     *
     * <p>The radial MLP is a side branch of the second-order passes: its tangent reads only the radial
     * tangents, and its part of tangentBackward ends in its own weights' gradients. {@link #startTangent}
     * and tangentBackward run those on the common pool, overlapping the chain of layers on the calling
     * thread (the MLP is about a third of a NequIP training step); {@link #awaitTangentBackward} joins.
     */
    final class Step {
        private final BilinearStep linearInStep;
        private final RadialMlp.Step mlpStep;
        private final Convolution.Step convolutionStep;
        private final BilinearStep linearOutStep;
        private ForkJoinTask<double[]> weightTangent;
        private ForkJoinTask<double[]> mlpTangentBackward;

        private Step(double[] nodes, double[] sh, double[] radial, Graph graph) {
            linearInStep = linearIn.forward(nodes, graph.atoms());
            mlpStep = radialMlp.forward(radial, graph.edges());
            convolutionStep = convolution.forward(linearInStep.output(), sh, mlpStep.output(), graph);
            linearOutStep = linearOut.forward(convolutionStep.output(), graph.atoms());
        }

        /** {@code atoms × dim(target)} messages. */
        double[] output() {
            return linearOutStep.output();
        }

        /** The gradient on the node features; adds the gradients on harmonics and radial features into theirs. */
        double[] backward(double[] gradOut, double[] gradSh, double[] gradRadial) {
            Convolution.Grads g = convolutionStep.backward(linearOutStep.backward(gradOut));
            Rows.addInto(gradSh, g.sh());
            Rows.addInto(gradRadial, mlpStep.backward(g.weights()));
            return linearInStep.backward(g.nodes());
        }

        /** Starts the radial MLP's tangent on the common pool; {@link #tangent} then takes it from there. */
        void startTangent(double[] radialTangent) {
            weightTangent = ForkJoinTask.adapt(() -> mlpStep.tangent(radialTangent)).fork();
        }

        /** The output's tangent from the tangents of the node features, harmonics and radial features. */
        double[] tangent(double[] nodesTangent, double[] shTangent, double[] radialTangent) {
            double[] weights = weightTangent != null ? weightTangent.join() : mlpStep.tangent(radialTangent);
            double[] convolved = convolutionStep.tangent(linearInStep.tangent(nodesTangent), shTangent, weights);
            return linearOutStep.tangent(convolved);
        }

        /**
         * The tangent of the gradient on the node features; adds every weight's second-order gradient, the
         * radial MLP's on the common pool ({@link #awaitTangentBackward}).
         */
        double[] tangentBackward(double[] gradOutTangent) {
            Convolution.TangentGrads g = convolutionStep.tangentBackward(linearOutStep.tangentBackward(gradOutTangent));
            // The radial features' part is dropped: they depend on positions only, no parameter lies behind them.
            mlpTangentBackward = ForkJoinTask.adapt(() -> mlpStep.tangentBackward(g.weights())).fork();
            return linearInStep.tangentBackward(g.nodes());
        }

        /** Waits until the radial MLP's weight gradients that {@link #tangentBackward} started are added. */
        void awaitTangentBackward() {
            mlpTangentBackward.join();
        }
    }
}
