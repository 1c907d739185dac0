package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.nn.Activation;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.nn.NormalizedActivation;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * The radial MLP of a NequIP convolution: e3nn's {@code FullyConnectedNet([num_basis] +
 * invariant_layers × [invariant_neurons] + [weights per edge], silu)}, mapping each edge's radial
 * features to the weights of its tensor product; SiLU is normalized by e3nn's own constant
 * ({@link NormalizedActivation#e3nn}), so NequIP's weights give NequIP's outputs to round-off. One parameter per layer,
 * {@code NAME.layer{l}.weight} of shape {@code [h_l, h_{l+1}]} as e3nn names and stores them, N(0, 1).
 */
final class RadialMlp {
    private final FullyConnectedNet net;
    private final List<Parameter> layers = new ArrayList<>();

    RadialMlp(String name, int[] widths, Parameters parameters, SplittableRandom random) {
        this.net = FullyConnectedNet.of(widths, NormalizedActivation.e3nn(Activation.SILU));
        for (int l = 0; l < net.layerCount(); l++) {
            int[] shape = {widths[l], widths[l + 1]};
            layers.add(parameters.add(name + ".layer" + l + ".weight", shape,
                    Initialization.normal(Math.multiplyExact(shape[0], shape[1]), random)));
        }
    }

    /** Runs the net on {@code edges} rows of radial features. */
    Step forward(double[] radial, int edges) {
        return new Step(radial, edges);
    }

    /** The layers' weights, one after the other, as {@link FullyConnectedNet} takes them. */
    private double[] flatWeights() {
        double[] flat = new double[net.weightCount()];
        for (int l = 0; l < layers.size(); l++) {
            double[] w = layers.get(l).values();
            System.arraycopy(w, 0, flat, net.weightOffset(l), w.length);
        }
        return flat;
    }

    /** Adds a flat weight gradient into the layers' parameter gradients. */
    private void addFlatGradient(double[] flat) {
        for (int l = 0; l < layers.size(); l++) {
            double[] grad = layers.get(l).grad();
            int offset = net.weightOffset(l);
            for (int i = 0; i < grad.length; i++) {
                grad[i] += flat[offset + i];
            }
        }
    }

    /**
     * One run of the net, differentiated in the order of {@link BilinearStep}: backward, tangent,
     * tangentBackward. The tangent of the gradient on the radial features is not computed: they
     * depend on positions only, and no parameter lies behind them.
     */
    final class Step {
        private final FullyConnectedNet.Forward context;
        private double[] gradOut;
        private FullyConnectedNet.DoubleBackwardGradients alongInput;

        private Step(double[] radial, int edges) {
            this.context = net.forward(radial, flatWeights(), edges);
        }

        double[] output() {
            return context.output();
        }

        /** The gradient on the radial features given {@code gradOut} on the output. */
        double[] backward(double[] gradOut) {
            this.gradOut = gradOut;
            return net.inputGradient(context, gradOut);
        }

        /** The output's tangent given the radial features' tangent. */
        double[] tangent(double[] radialTangent) {
            alongInput = net.doubleBackward(context, gradOut, radialTangent, null);
            return alongInput.gradGradOut();
        }

        /** Adds the tangent of the weight gradient, given the tangent of the gradient on the output. */
        void tangentBackward(double[] gradOutTangent) {
            addFlatGradient(alongInput.gradWeights());
            addFlatGradient(net.backward(context, gradOutTangent).gradWeights());
        }
    }
}
