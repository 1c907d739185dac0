package org.equikern.nn;

/**
 * The arithmetic of {@link Gate} for one sample, in double precision, on arrays addressed by
 * offsets. Both precisions of {@link Gate} run this code: float data is widened per sample into
 * scratch rows first.
 *
 * <p>The second-order rows differentiate forward and backward along an input tangent {@code ẋ}
 * (and an output-gradient tangent {@code ġ}). For a gated copy {@code y_i = G(z) x_i}:
 * {@code ẏ_i = G'(z) ż x_i + G(z) ẋ_i}; the tangent of its backward is
 * {@code ġx_i = G' ż g_i + G ġ_i} and {@code ġz = G'' ż Σ x_i g_i + G' Σ (ẋ_i g_i + x_i ġ_i)}. A
 * scalar {@code y = f(x)} has {@code ẏ = f' ẋ} and {@code ġx = f'' ẋ g + f' ġ}.
 */
final class GateArithmetic {
    private final GateLayout layout;

    GateArithmetic(GateLayout layout) {
        this.layout = layout;
    }

    /** Writes one output row. */
    void forward(double[] x, int xAt, double[] out, int outAt) {
        GateLayout l = layout;
        for (int c = 0; c < l.scalarInput.length; c++) {
            out[outAt + c] = l.scalarAct[c].value(x[xAt + l.scalarInput[c]]);
        }
        for (int k = 0; k < l.gateInput.length; k++) {
            double g = l.gateAct[k].value(x[xAt + l.gateInput[k]]);
            int from = xAt + l.gatedInput[k];
            int to = outAt + l.gatedOutput[k];
            for (int i = 0; i < l.gatedDim[k]; i++) {
                out[to + i] = g * x[from + i];
            }
        }
    }

    /**
     * Writes one row of the gradient of {@code Σ out · gradOut} with respect to the input. Scalars,
     * gates and gated components partition the input, so every entry is written exactly once.
     */
    void backward(double[] x, int xAt, double[] gradOut, int gAt, double[] gradX, int gxAt) {
        GateLayout l = layout;
        for (int c = 0; c < l.scalarInput.length; c++) {
            int in = l.scalarInput[c];
            gradX[gxAt + in] = gradOut[gAt + c] * l.scalarAct[c].derivative(x[xAt + in]);
        }
        for (int k = 0; k < l.gateInput.length; k++) {
            double z = x[xAt + l.gateInput[k]];
            double g = l.gateAct[k].value(z);
            int from = l.gatedInput[k];
            int to = gAt + l.gatedOutput[k];
            double dot = 0;
            for (int i = 0; i < l.gatedDim[k]; i++) {
                dot += gradOut[to + i] * x[xAt + from + i];
                gradX[gxAt + from + i] = g * gradOut[to + i];
            }
            gradX[gxAt + l.gateInput[k]] = dot * l.gateAct[k].derivative(z);
        }
    }

    /** Writes one row of the output's tangent along the input tangent {@code xDot} (same offsets as {@code x}). */
    void tangent(double[] x, double[] xDot, int xAt, double[] outDot, int outAt) {
        GateLayout l = layout;
        for (int c = 0; c < l.scalarInput.length; c++) {
            int i = xAt + l.scalarInput[c];
            outDot[outAt + c] = l.scalarAct[c].derivative(x[i]) * xDot[i];
        }
        for (int k = 0; k < l.gateInput.length; k++) {
            int zi = xAt + l.gateInput[k];
            double g = l.gateAct[k].value(x[zi]);
            double gDot = l.gateAct[k].derivative(x[zi]) * xDot[zi];
            int from = xAt + l.gatedInput[k];
            int to = outAt + l.gatedOutput[k];
            for (int i = 0; i < l.gatedDim[k]; i++) {
                outDot[to + i] = gDot * x[from + i] + g * xDot[from + i];
            }
        }
    }

    /**
     * Writes one row of the tangent of {@link #backward}'s input gradient when {@code x} moves along
     * {@code xDot} (offsets as {@code x}) and {@code gradOut} along {@code gradOutDot} (offsets as
     * {@code gradOut}). Every entry is written exactly once, as in {@link #backward}.
     */
    void tangentBackward(double[] x, double[] xDot, int xAt, double[] gradOut, double[] gradOutDot, int gAt,
                         double[] gradXDot, int gxAt) {
        GateLayout l = layout;
        for (int c = 0; c < l.scalarInput.length; c++) {
            int in = l.scalarInput[c];
            double z = x[xAt + in];
            gradXDot[gxAt + in] = l.scalarAct[c].secondDerivative(z) * xDot[xAt + in] * gradOut[gAt + c]
                    + l.scalarAct[c].derivative(z) * gradOutDot[gAt + c];
        }
        for (int k = 0; k < l.gateInput.length; k++) {
            double z = x[xAt + l.gateInput[k]];
            double zDot = xDot[xAt + l.gateInput[k]];
            double g = l.gateAct[k].value(z);
            double g1 = l.gateAct[k].derivative(z);
            int from = l.gatedInput[k];
            int to = gAt + l.gatedOutput[k];
            double xg = 0;
            double mixed = 0;
            for (int i = 0; i < l.gatedDim[k]; i++) {
                double xi = x[xAt + from + i];
                gradXDot[gxAt + from + i] = g1 * zDot * gradOut[to + i] + g * gradOutDot[to + i];
                xg += xi * gradOut[to + i];
                mixed += xDot[xAt + from + i] * gradOut[to + i] + xi * gradOutDot[to + i];
            }
            gradXDot[gxAt + l.gateInput[k]] = l.gateAct[k].secondDerivative(z) * zDot * xg + g1 * mixed;
        }
    }
}
