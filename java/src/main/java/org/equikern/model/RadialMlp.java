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
 * e3nn's {@code FullyConnectedNet(widths, silu)}: NequIP's and MACE's radial MLP ({@code [num_basis] +
 * hidden + [weights per edge]}, mapping each edge's radial features to the weights of its tensor
 * product), and MACE's nonlinear readout of the scalar node features (whose {@code o3.Linear} layers on
 * scalars are exactly such a net). SiLU is normalized by e3nn's own constant
 * ({@link NormalizedActivation#e3nn}), so e3nn's weights give e3nn's outputs to round-off. One parameter
 * per layer, {@code NAME.layer{l}.weight} of shape {@code [h_l, h_{l+1}]} as e3nn names and stores them,
 * N(0, 1).
 */
final class RadialMlp implements NodeLayer {
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

    /** Runs the net on {@code rows} rows of inputs. */
    @Override
    public Step forward(double[] x, int rows) {
        return new Step(x, rows);
    }

    @Override
    public DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceMlp(resources, net, layers);
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

    /** One run of the net, differentiated in the order of {@link NodeStep}. */
    final class Step implements NodeStep {
        private final FullyConnectedNet.Forward context;
        private FullyConnectedNet.Reverse reverse;
        private FullyConnectedNet.DoubleBackwardGradients alongInput;

        private Step(double[] x, int rows) {
            this.context = net.forward(x, flatWeights(), rows);
        }

        @Override
        public double[] output() {
            return context.output();
        }

        @Override
        public double[] backward(double[] gradOut) {
            this.reverse = net.reverse(context, gradOut);
            return reverse.gradX();
        }

        @Override
        public double[] tangent(double[] inputTangent) {
            alongInput = net.doubleBackward(reverse, inputTangent, null);
            return alongInput.gradGradOut();
        }

        /**
         * {@inheritDoc} The input's part is the Hessian term (the double backward along the input
         * tangent) plus the backward of {@code gradOutTangent}.
         */
        @Override
        public double[] tangentBackward(double[] gradOutTangent) {
            addFlatGradient(alongInput.gradWeights());
            FullyConnectedNet.Gradients g = net.backward(context, gradOutTangent);
            addFlatGradient(g.gradWeights());
            return Rows.sum(alongInput.gradX(), g.gradX());
        }
    }
}
