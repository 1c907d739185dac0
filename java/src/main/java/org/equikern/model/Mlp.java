package org.equikern.model;

import java.util.Random;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * A scalar-output multilayer perceptron with SiLU hidden activations and a linear output, on
 * parameters {@code layer.k.weight [out, in]} and {@code layer.k.bias [out]} of a {@link Parameters}
 * set. Besides its value, it gives the gradient with respect to its input and, for training on
 * forces, the parameter gradient of a value plus a directional input derivative (forward-mode
 * tangents carried through the layers, then reverse mode over both).
 */
final class Mlp {
    private final Parameter[] weights;
    private final Parameter[] biases;
    private final int[] widths;

    /**
     * Adds the layers' parameters to {@code parameters}, weights drawn from N(0, 1/fan-in), biases zero.
     *
     * @param widths input width, hidden widths, and 1 (the output) last
     */
    Mlp(Parameters parameters, int[] widths, Random random) {
        this.widths = widths.clone();
        int layers = widths.length - 1;
        this.weights = new Parameter[layers];
        this.biases = new Parameter[layers];
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double[] w = new double[Math.multiplyExact(in, out)];
            double scale = 1 / Math.sqrt(in);
            for (int i = 0; i < w.length; i++) {
                w[i] = scale * random.nextGaussian();
            }
            weights[l] = parameters.add("layer." + l + ".weight", new int[] {out, in}, w);
            biases[l] = parameters.add("layer." + l + ".bias", new int[] {out}, new double[out]);
        }
    }

    int inputWidth() {
        return widths[0];
    }

    /** The network's value at {@code x}; writes ∂value/∂x into {@code gradX}. */
    double valueAndInputGradient(double[] x, double[] gradX) {
        Dual pass = new Dual(x, new double[x.length]);
        double[] zBar = {1};
        for (int l = weights.length - 1; l >= 0; l--) {
            double[] hBar = transposeTimes(l, zBar);
            if (l == 0) {
                System.arraycopy(hBar, 0, gradX, 0, hBar.length);
            } else {
                double[] z = pass.z[l - 1];
                zBar = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    zBar[i] = hBar[i] * silu1(z[i]);
                }
            }
        }
        return pass.z[weights.length - 1][0];
    }

    /**
     * Adds to the parameter gradients ∂/∂θ [a·f(x) + b·∇f(x)·ẋ], the derivative of the value and of
     * the directional derivative along {@code xDot} (ẋ does not depend on θ).
     */
    void accumulateGradient(double[] x, double[] xDot, double a, double b) {
        Dual pass = new Dual(x, xDot);
        double[] zBar = {a};
        double[] zDotBar = {b};
        for (int l = weights.length - 1; l >= 0; l--) {
            outerProductInto(weights[l].grad(), zBar, pass.h[l]);
            outerProductInto(weights[l].grad(), zDotBar, pass.hDot[l]);
            double[] bGrad = biases[l].grad();
            for (int o = 0; o < zBar.length; o++) {
                bGrad[o] += zBar[o];
            }
            if (l > 0) {
                double[] hBar = transposeTimes(l, zBar);
                double[] hDotBar = transposeTimes(l, zDotBar);
                double[] z = pass.z[l - 1];
                double[] zDot = pass.zDot[l - 1];
                zBar = new double[z.length];
                zDotBar = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    // h = σ(z), ḣ = σ'(z)·ż: the adjoint of z collects both paths.
                    zBar[i] = hBar[i] * silu1(z[i]) + hDotBar[i] * silu2(z[i]) * zDot[i];
                    zDotBar[i] = hDotBar[i] * silu1(z[i]);
                }
            }
        }
    }

    /** The forward pass with tangents: each layer's input h, ḣ and pre-activation z, ż. */
    private final class Dual {
        final double[][] h = new double[weights.length][];
        final double[][] hDot = new double[weights.length][];
        final double[][] z = new double[weights.length][];
        final double[][] zDot = new double[weights.length][];

        Dual(double[] x, double[] xDot) {
            h[0] = x;
            hDot[0] = xDot;
            for (int l = 0; l < weights.length; l++) {
                z[l] = times(l, h[l]);
                double[] bias = biases[l].values();
                for (int o = 0; o < bias.length; o++) {
                    z[l][o] += bias[o];
                }
                zDot[l] = times(l, hDot[l]);
                if (l + 1 < weights.length) {
                    h[l + 1] = new double[z[l].length];
                    hDot[l + 1] = new double[z[l].length];
                    for (int i = 0; i < z[l].length; i++) {
                        h[l + 1][i] = silu(z[l][i]);
                        hDot[l + 1][i] = silu1(z[l][i]) * zDot[l][i];
                    }
                }
            }
        }
    }

    private double[] times(int layer, double[] v) {
        double[] w = weights[layer].values();
        int in = widths[layer];
        double[] out = new double[widths[layer + 1]];
        for (int o = 0; o < out.length; o++) {
            double sum = 0;
            for (int i = 0; i < in; i++) {
                sum += w[o * in + i] * v[i];
            }
            out[o] = sum;
        }
        return out;
    }

    private double[] transposeTimes(int layer, double[] v) {
        double[] w = weights[layer].values();
        int in = widths[layer];
        double[] out = new double[in];
        for (int o = 0; o < v.length; o++) {
            for (int i = 0; i < in; i++) {
                out[i] += w[o * in + i] * v[o];
            }
        }
        return out;
    }

    private static void outerProductInto(double[] grad, double[] rows, double[] columns) {
        for (int o = 0; o < rows.length; o++) {
            for (int i = 0; i < columns.length; i++) {
                grad[o * columns.length + i] += rows[o] * columns[i];
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double silu(double z) {
        return z * sigmoid(z);
    }

    private static double silu1(double z) {
        double s = sigmoid(z);
        return s + z * s * (1 - s);
    }

    private static double silu2(double z) {
        double s = sigmoid(z);
        return s * (1 - s) * (2 + z * (1 - 2 * s));
    }
}
