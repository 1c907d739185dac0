package org.equikern.model.jets;

import java.util.SplittableRandom;
import org.equikern.nn.Activation;
import org.equikern.train.Parameters;

/**
 * A multilayer perceptron on rows: {@link Dense} layers {@code NAME.0, NAME.1, …} through the given
 * widths, the activation after every layer but the last (and after the last too when
 * {@code activateLast}). {@link #calibrateOnNextForward} turns its next forward pass into a
 * data-dependent initialization.
 */
final class Mlp {
    private final Dense[] layers;
    private final Activation activation;
    private final boolean activateLast;
    private boolean calibrating;

    Mlp(Parameters parameters, String name, int[] widths, Activation activation, boolean activateLast,
            SplittableRandom random) {
        if (widths.length < 2) {
            throw new IllegalArgumentException(name + ": an MLP needs at least an input and an output width");
        }
        layers = new Dense[widths.length - 1];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Dense(parameters, name + "." + l, widths[l], widths[l + 1], random);
        }
        this.activation = activation;
        this.activateLast = activateLast;
    }

    int in() {
        return layers[0].in();
    }

    int out() {
        return layers[layers.length - 1].out();
    }

    /** Makes the next {@link #forward} standardize every layer on its rows ({@link Dense#standardize}). */
    void calibrateOnNextForward() {
        calibrating = true;
    }

    /** The outputs for {@code rows} rows of x, with what {@link #backward} needs. */
    Trace forward(double[] x, int rows) {
        return forward(x, rows, null);
    }

    /**
     * The outputs for the active rows of x ({@code active} null: all), 0 on the others: padding costs
     * nothing and stays zero.
     */
    Trace forward(double[] x, int rows, boolean[] active) {
        double[][] inputs = new double[layers.length][];
        double[][] pre = new double[layers.length][];
        double[] h = x;
        for (int l = 0; l < layers.length; l++) {
            inputs[l] = h;
            double[] z = layers[l].forward(h, rows, active);
            if (calibrating) layers[l].standardize(z, rows, active);
            pre[l] = z;
            if (activated(l)) {
                h = new double[z.length];
                int width = layers[l].out();
                for (int r = 0; r < rows; r++) {
                    if (active != null && !active[r]) continue;
                    for (int k = r * width; k < (r + 1) * width; k++) h[k] = activation.value(z[k]);
                }
            } else {
                h = z;
            }
        }
        calibrating = false;
        return new Trace(rows, active, inputs, pre, h);
    }

    /** Accumulates the parameter gradients for dL/d(output) = {@code gradOut}; returns dL/dx. */
    double[] backward(Trace trace, double[] gradOut) {
        double[] g = gradOut;
        for (int l = layers.length - 1; l >= 0; l--) {
            if (activated(l)) {
                double[] z = trace.pre[l];
                double[] delta = new double[z.length];
                for (int k = 0; k < z.length; k++) delta[k] = g[k] * activation.derivative(z[k]);
                g = delta;
            }
            g = layers[l].backward(trace.inputs[l], trace.rows, g, trace.active);
        }
        return g;
    }

    private boolean activated(int l) {
        return l < layers.length - 1 || activateLast;
    }

    /** One forward pass: its inputs and pre-activations per layer, and the output rows. */
    static final class Trace {
        private final int rows;
        private final boolean[] active;
        private final double[][] inputs;
        private final double[][] pre;
        private final double[] output;

        private Trace(int rows, boolean[] active, double[][] inputs, double[][] pre, double[] output) {
            this.rows = rows;
            this.active = active;
            this.inputs = inputs;
            this.pre = pre;
            this.output = output;
        }

        /** The output rows (live). */
        double[] output() {
            return output;
        }
    }
}
