package org.equikern.model.jets;

import java.util.SplittableRandom;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * An affine map y = x·W + b on rows, with parameters {@code NAME.weight [in, out]} (drawn from
 * N(0, 1/in), LeCun's scale) and {@code NAME.bias [out]} (zero), registered in a {@link Parameters}
 * set whose gradients {@link #backward} accumulates.
 */
final class Dense {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    Dense(Parameters parameters, String name, int in, int out, SplittableRandom random) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException(name + ": widths must be >= 1, got in = " + in + ", out = " + out);
        }
        this.in = in;
        this.out = out;
        double[] w = new double[Math.multiplyExact(in, out)];
        double scale = 1 / Math.sqrt(in);
        for (int k = 0; k < w.length; k++) w[k] = scale * random.nextGaussian();
        weight = parameters.add(name + ".weight", new int[] {in, out}, w);
        bias = parameters.add(name + ".bias", new int[] {out}, new double[out]);
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** x·W + b for the active rows of x ({@code active} null: all {@code rows}); inactive rows give 0. */
    double[] forward(double[] x, int rows, boolean[] active) {
        double[] w = weight.values();
        double[] b = bias.values();
        double[] y = new double[Math.multiplyExact(rows, out)];
        for (int r = 0; r < rows; r++) {
            if (active != null && !active[r]) continue;
            int yr = r * out;
            System.arraycopy(b, 0, y, yr, out);
            for (int i = 0; i < in; i++) {
                double xi = x[r * in + i];
                if (xi == 0) continue;
                int wi = i * out;
                for (int o = 0; o < out; o++) y[yr + o] += xi * w[wi + o];
            }
        }
        return y;
    }

    /**
     * Rescales and shifts this layer's weights and bias so that its outputs {@code y} (from
     * {@link #forward} on the active rows) get mean 0 and variance 1 per output channel, and
     * transforms {@code y} in place to match; a channel that is constant on the rows is only centered.
     */
    void standardize(double[] y, int rows, boolean[] active) {
        double[] w = weight.values();
        double[] b = bias.values();
        for (int o = 0; o < out; o++) {
            int used = 0;
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < rows; r++) {
                if (active != null && !active[r]) continue;
                double v = y[r * out + o];
                used++;
                sum += v;
                squares += v * v;
            }
            if (used == 0) continue;
            double mean = sum / used;
            double sd = Math.sqrt(Math.max(0, squares / used - mean * mean));
            double scale = sd > 1e-12 ? 1 / sd : 1;
            for (int i = 0; i < in; i++) w[i * out + o] *= scale;
            b[o] = (b[o] - mean) * scale;
            for (int r = 0; r < rows; r++) {
                if (active == null || active[r]) y[r * out + o] = (y[r * out + o] - mean) * scale;
            }
        }
    }

    /**
     * Adds dL/dW and dL/db for dL/dy = {@code gradY} over the active rows to the parameters' gradients;
     * returns dL/dx (0 on inactive rows).
     */
    double[] backward(double[] x, int rows, double[] gradY, boolean[] active) {
        double[] w = weight.values();
        double[] gw = weight.grad();
        double[] gb = bias.grad();
        double[] gradX = new double[Math.multiplyExact(rows, in)];
        for (int r = 0; r < rows; r++) {
            if (active != null && !active[r]) continue;
            int yr = r * out;
            for (int o = 0; o < out; o++) gb[o] += gradY[yr + o];
            for (int i = 0; i < in; i++) {
                double xi = x[r * in + i];
                int wi = i * out;
                double sum = 0;
                for (int o = 0; o < out; o++) {
                    double g = gradY[yr + o];
                    sum += g * w[wi + o];
                    gw[wi + o] += xi * g;
                }
                gradX[r * in + i] = sum;
            }
        }
        return gradX;
    }
}
