package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.equikern.nn.NormalizedActivation;

/**
 * NequIP's equivariant nonlinearity: an e3nn {@link Gate} with NequIP's defaults
 * ({@code nonlinearity_scalars} and {@code nonlinearity_gates} = {@code {e: silu, o: tanh}}): SiLU on
 * even scalars and even gates, tanh on odd ones (which keeps their parity), each normalized by e3nn's
 * own constant ({@link NormalizedActivation#e3nn}). Every step, the two second-order ones included
 * ({@link Gate#tangent}, {@link Gate#tangentBackward}), runs the library's Gate.
 */
final class GateNonlinearity {
    private final Gate gate;
    private final int dimOut;

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
        this.dimOut = gate.irrepsOut().dim();
    }

    /** NequIP's {@code {e: silu, o: tanh}} for a scalar of the given parity. */
    private static NormalizedActivation nequipActivation(Parity parity) {
        return NormalizedActivation.e3nn(parity == Parity.EVEN ? Activation.SILU : Activation.TANH);
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
            gate.tangent(x, inputTangent, out, rows);
            return out;
        }

        double[] tangentBackward(double[] gradOutTangent) {
            double[] gradX = new double[x.length];
            gate.tangentBackward(x, inputTangent, gradOut, gradOutTangent, gradX, rows);
            return gradX;
        }
    }
}
