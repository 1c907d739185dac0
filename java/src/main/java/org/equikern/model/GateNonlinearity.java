package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.equikern.nn.GateLayout;
import org.equikern.nn.NormalizedActivation;

/**
 * NequIP's equivariant nonlinearity: an e3nn {@link Gate} with NequIP's defaults
 * ({@code nonlinearity_scalars} and {@code nonlinearity_gates} = {@code {e: silu, o: tanh}}): SiLU on
 * even scalars and even gates, tanh on odd ones (which keeps their parity), each normalized by e3nn's
 * own constant ({@link NormalizedActivation#e3nn}). Forward and backward run the
 * library's Gate; the two second-order steps are written here from the gate's channel tables with
 * the activations' first and second derivatives. For a gated copy {@code y_i = G(z) x_i}:
 * {@code ẏ_i = G'(z) ż x_i + G(z) ẋ_i}, and the tangent of its backward is
 * {@code ġx_i = G' ż g_i + G ġ_i}, {@code ġz = G'' ż Σ x_i g_i + G' Σ (ẋ_i g_i + x_i ġ_i)}.
 */
final class GateNonlinearity {
    private final Gate gate;
    private final int dimIn;
    private final int dimOut;
    private final int[] scalarInput;
    private final NormalizedActivation[] scalarAct;
    private final int[] gateInput;
    private final NormalizedActivation[] gateAct;
    private final int[] gatedInput;
    private final int[] gatedOutput;
    private final int[] gatedDim;

    /** A gate over {@code scalars}, and over {@code gated} with one gate of parity {@code gateParity} per copy. */
    GateNonlinearity(Irreps scalars, Irreps gated, Parity gateParity) {
        // With l_max = 0 nothing is gated: no gate scalars and no gate activation.
        boolean anyGated = gated.numIrreps() > 0;
        Irreps gates = anyGated ? Irreps.parse(gated.numIrreps() + "x0" + gateParity.letter())
                : Irreps.of(List.of());
        List<NormalizedActivation> actScalars = new ArrayList<>();
        for (MulIrrep block : scalars) {
            actScalars.add(nequipActivation(block.irrep().parity()));
        }
        List<NormalizedActivation> actGates = anyGated ? List.of(nequipActivation(gateParity)) : List.of();
        this.gate = Gate.of(scalars, actScalars, gates, actGates, gated);
        GateLayout layout = gate.layout();
        this.dimIn = gate.irrepsIn().dim();
        this.dimOut = gate.irrepsOut().dim();
        this.scalarInput = layout.scalarInput();
        this.scalarAct = activations(layout.scalarActivation(), layout.scalarConstant());
        this.gateInput = layout.gateInput();
        this.gateAct = activations(layout.gateActivation(), layout.gateConstant());
        this.gatedInput = layout.gatedInput();
        this.gatedOutput = layout.gatedOutput();
        this.gatedDim = layout.gatedDim();
    }

    /** NequIP's {@code {e: silu, o: tanh}} for a scalar of the given parity. */
    private static NormalizedActivation nequipActivation(Parity parity) {
        return NormalizedActivation.e3nn(parity == Parity.EVEN ? Activation.SILU : Activation.TANH);
    }

    private static NormalizedActivation[] activations(int[] ordinals, double[] constants) {
        NormalizedActivation[] out = new NormalizedActivation[ordinals.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = NormalizedActivation.withConstant(Activation.values()[ordinals[c]], constants[c]);
        }
        return out;
    }

    /** The input irreps: sorted scalars, gates and gated. */
    Irreps irrepsIn() {
        return gate.irrepsIn();
    }

    Irreps irrepsOut() {
        return gate.irrepsOut();
    }

    /** The gate on a device. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceGate(resources, gate);
    }

    Step forward(double[] x, int rows) {
        return new Step(x, rows);
    }

    /** One application, differentiated in the order backward, tangent, tangentBackward. */
    final class Step {
        private final double[] x;
        private final int rows;
        private final double[] output;
        private double[] gradOut;
        private double[] inputTangent;

        private Step(double[] x, int rows) {
            this.x = x;
            this.rows = rows;
            this.output = new double[Math.multiplyExact(rows, dimOut)];
            gate.forward(x, output, rows);
        }

        double[] output() {
            return output;
        }

        double[] backward(double[] gradOut) {
            this.gradOut = gradOut;
            double[] gradX = new double[x.length];
            gate.backward(x, gradOut, gradX, rows);
            return gradX;
        }

        double[] tangent(double[] inputTangent) {
            this.inputTangent = inputTangent;
            double[] out = new double[output.length];
            for (int r = 0; r < rows; r++) {
                int in = r * dimIn;
                int o = r * dimOut;
                for (int c = 0; c < scalarInput.length; c++) {
                    int i = in + scalarInput[c];
                    out[o + c] = scalarAct[c].derivative(x[i]) * inputTangent[i];
                }
                for (int k = 0; k < gateInput.length; k++) {
                    int zi = in + gateInput[k];
                    double g = gateAct[k].value(x[zi]);
                    double gDot = gateAct[k].derivative(x[zi]) * inputTangent[zi];
                    for (int m = 0; m < gatedDim[k]; m++) {
                        int xi = in + gatedInput[k] + m;
                        out[o + gatedOutput[k] + m] = gDot * x[xi] + g * inputTangent[xi];
                    }
                }
            }
            return out;
        }

        double[] tangentBackward(double[] gradOutTangent) {
            double[] gradX = new double[x.length];
            for (int r = 0; r < rows; r++) {
                int in = r * dimIn;
                int o = r * dimOut;
                for (int c = 0; c < scalarInput.length; c++) {
                    int i = in + scalarInput[c];
                    gradX[i] = scalarAct[c].secondDerivative(x[i]) * inputTangent[i] * gradOut[o + c]
                            + scalarAct[c].derivative(x[i]) * gradOutTangent[o + c];
                }
                for (int k = 0; k < gateInput.length; k++) {
                    int zi = in + gateInput[k];
                    double z = x[zi];
                    double zDot = inputTangent[zi];
                    double g = gateAct[k].value(z);
                    double g1 = gateAct[k].derivative(z);
                    double xg = 0;
                    double mixed = 0;
                    for (int m = 0; m < gatedDim[k]; m++) {
                        int xi = in + gatedInput[k] + m;
                        int yi = o + gatedOutput[k] + m;
                        gradX[xi] = g1 * zDot * gradOut[yi] + g * gradOutTangent[yi];
                        xg += x[xi] * gradOut[yi];
                        mixed += inputTangent[xi] * gradOut[yi] + x[xi] * gradOutTangent[yi];
                    }
                    gradX[zi] = gateAct[k].secondDerivative(z) * zDot * xg + g1 * mixed;
                }
            }
            return gradX;
        }
    }
}
