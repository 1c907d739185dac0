package org.equikern.ops.gate;

import org.equikern.nn.GateLayout;

/**
 * A {@link GateLayout} as the channel records {@code kernels/common/gate.h} reads (field order as
 * its {@code GC_*} defines): the scalar channels, then the gates, each with its activation's
 * normalization constant.
 */
final class GateTables {
    static final int CHANNEL_STRIDE = 5;

    private GateTables() {
    }

    /** Per channel: activation input, activation ordinal, gated input, output, gated dim (0 for scalars). */
    static int[] channels(GateLayout layout) {
        int scalars = layout.scalarCount();
        int[] out = new int[CHANNEL_STRIDE * (scalars + layout.gateCount())];
        int[] scalarInput = layout.scalarInput();
        int[] scalarActivation = layout.scalarActivation();
        for (int c = 0; c < scalars; c++) {
            int at = CHANNEL_STRIDE * c;
            out[at] = scalarInput[c];
            out[at + 1] = scalarActivation[c];
            out[at + 3] = c;
        }
        int[] gateInput = layout.gateInput();
        int[] gateActivation = layout.gateActivation();
        int[] gatedInput = layout.gatedInput();
        int[] gatedOutput = layout.gatedOutput();
        int[] gatedDim = layout.gatedDim();
        for (int k = 0; k < layout.gateCount(); k++) {
            int at = CHANNEL_STRIDE * (scalars + k);
            out[at] = gateInput[k];
            out[at + 1] = gateActivation[k];
            out[at + 2] = gatedInput[k];
            out[at + 3] = gatedOutput[k];
            out[at + 4] = gatedDim[k];
        }
        return out;
    }

    /** Per channel, in the order of {@link #channels}: the activation's constant. */
    static double[] constants(GateLayout layout) {
        double[] scalar = layout.scalarConstant();
        double[] gate = layout.gateConstant();
        double[] out = new double[scalar.length + gate.length];
        System.arraycopy(scalar, 0, out, 0, scalar.length);
        System.arraycopy(gate, 0, out, scalar.length, gate.length);
        return out;
    }
}
