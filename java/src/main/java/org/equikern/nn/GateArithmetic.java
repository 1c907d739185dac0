package org.equikern.nn;

/**
 * The arithmetic of {@link Gate} for one sample, in double precision, on arrays addressed by
 * offsets. Both precisions of {@link Gate} run this code: float data is widened per sample into
 * scratch rows first.
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
}
