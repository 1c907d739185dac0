package org.equikern.nn;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Parity;

/**
 * The flat description of a {@link Gate} that a kernel needs, one entry per channel, plus the
 * input and output irreps it implies.
 *
 * <p><b>Input layout</b> (e3nn's {@code _Sortcut}): the blocks of {@code irreps_scalars},
 * {@code irreps_gates} and {@code irreps_gated}, each group simplified, concatenated in that order
 * and stably sorted by irrep ({@code 0o} before {@code 0e} before {@code 1o} ...). So the input is
 * {@code scalars ⊕ gates ⊕ gated} exactly when that concatenation is already sorted (the usual
 * case, e.g. {@code 3x0e + 2x0e + 1x1o+1x2e}); otherwise the groups interleave.
 *
 * <p><b>Output layout</b>: the activated scalars ({@link #scalarCount()} channels, in scalar order),
 * then each gated irrep copy, in gated order, multiplied by its activated gate.
 *
 * <ul>
 * <li>scalar channel {@code c}: {@code out[c] = constant[c]·f_c(x[scalarInput[c]])} with
 *     {@code f_c} the activation of ordinal {@code scalarActivation[c]} ({@link Activation#values()});
 * <li>gated copy {@code k}: {@code out[gatedOutput[k] + i] = g_k · x[gatedInput[k] + i]} for
 *     {@code i < gatedDim[k]}, where {@code g_k = gateConstant[k]·f(x[gateInput[k]])}.
 * </ul>
 * Immutable; getters return copies.
 */
public final class GateLayout {
    final int dimIn;
    final int dimOut;
    final Irreps irrepsIn;
    final Irreps irrepsOut;
    final int[] scalarInput;
    final NormalizedActivation[] scalarAct;
    final int[] gateInput;
    final NormalizedActivation[] gateAct;
    final int[] gatedInput;
    final int[] gatedOutput;
    final int[] gatedDim;

    private GateLayout(Irreps scalars, List<NormalizedActivation> actScalars, Irreps gates,
                       List<NormalizedActivation> actGates, Irreps gated) {
        Irreps[] groups = {scalars.simplify(), gates.simplify(), gated.simplify()};
        List<MulIrrep> concatenated = new ArrayList<>();
        for (Irreps g : groups) {
            concatenated.addAll(g.blocks());
        }
        Irreps.Sorted sorted = Irreps.of(concatenated).sort();
        int[] newPosition = sorted.permutation();
        int[][] blockInput = new int[3][];
        int next = 0;
        for (int g = 0; g < 3; g++) {
            blockInput[g] = new int[groups[g].size()];
            for (int b = 0; b < groups[g].size(); b++) {
                blockInput[g][b] = sorted.irreps().offset(newPosition[next++]);
            }
        }
        irrepsIn = sorted.irreps().simplify();
        dimIn = irrepsIn.dim();

        scalarInput = channelInputs(groups[0], blockInput[0]);
        gateInput = channelInputs(groups[1], blockInput[1]);
        scalarAct = perChannel(scalars, actScalars);
        gateAct = perChannel(gates, actGates);

        int copies = gated.numIrreps();
        gatedInput = new int[copies];
        gatedOutput = new int[copies];
        gatedDim = new int[copies];
        int k = 0;
        int out = scalarInput.length;
        for (int b = 0; b < groups[2].size(); b++) {
            MulIrrep block = groups[2].get(b);
            for (int u = 0; u < block.mul(); u++, k++) {
                gatedDim[k] = block.irrep().dim();
                gatedInput[k] = blockInput[2][b] + u * gatedDim[k];
                gatedOutput[k] = out;
                out += gatedDim[k];
            }
        }
        dimOut = out;
        irrepsOut = outputIrreps(scalars, actScalars, gates, actGates, groups[2]);
    }

    /** Validates e3nn's conditions and builds the layout; see {@link Gate#of}. */
    static GateLayout of(Irreps scalars, List<NormalizedActivation> actScalars, Irreps gates,
                         List<NormalizedActivation> actGates, Irreps gated) {
        if (gates.lmax() > 0) {
            throw new IllegalArgumentException("Gate: gate scalars must be scalars (l = 0), got irreps_gates = " + gates);
        }
        if (scalars.lmax() > 0) {
            throw new IllegalArgumentException("Gate: scalars must be scalars (l = 0), got irreps_scalars = " + scalars);
        }
        if (gates.numIrreps() != gated.numIrreps()) {
            throw new IllegalArgumentException("Gate: there are " + gated.numIrreps() + " irreps in irreps_gated ("
                    + gated + ") but a different number (" + gates.numIrreps() + ") of gate scalars in irreps_gates ("
                    + gates + ")");
        }
        requireOnePerBlock("act_scalars", actScalars, "irreps_scalars", scalars);
        requireOnePerBlock("act_gates", actGates, "irreps_gates", gates);
        return new GateLayout(scalars, actScalars, gates, actGates, gated);
    }

    private static void requireOnePerBlock(String actName, List<NormalizedActivation> acts, String irrepsName,
                                           Irreps irreps) {
        if (acts == null || acts.size() != irreps.size()) {
            throw new IllegalArgumentException("Gate: " + actName + " needs one activation per block of " + irrepsName
                    + " " + irreps + " (" + irreps.size() + "), got " + (acts == null ? "null" : acts.size()));
        }
        for (int b = 0; b < acts.size(); b++) {
            if (acts.get(b) == null) {
                throw new IllegalArgumentException("Gate: " + actName + "[" + b + "] is null");
            }
        }
    }

    /** Input index of each channel of a group of scalar blocks. */
    private static int[] channelInputs(Irreps group, int[] blockInput) {
        int[] out = new int[group.numIrreps()];
        int c = 0;
        for (int b = 0; b < group.size(); b++) {
            for (int u = 0; u < group.get(b).mul(); u++) {
                out[c++] = blockInput[b] + u;
            }
        }
        return out;
    }

    /** The activation of each channel, from one activation per (unsimplified) block. */
    private static NormalizedActivation[] perChannel(Irreps blocks, List<NormalizedActivation> acts) {
        NormalizedActivation[] out = new NormalizedActivation[blocks.numIrreps()];
        int c = 0;
        for (int b = 0; b < blocks.size(); b++) {
            for (int u = 0; u < blocks.get(b).mul(); u++) {
                out[c++] = acts.get(b);
            }
        }
        return out;
    }

    /** Scalars with their activated parities, then e3nn's elementwise product of gated and activated gates. */
    private static Irreps outputIrreps(Irreps scalars, List<NormalizedActivation> actScalars, Irreps gates,
                                       List<NormalizedActivation> actGates, Irreps gatedSimplified) {
        List<MulIrrep> out = new ArrayList<>(activated("irreps_scalars", scalars, actScalars).blocks());
        Irreps gatesOut = activated("irreps_gates", gates, actGates).simplify();
        int b1 = 0;
        int b2 = 0;
        int left1 = gatedSimplified.size() > 0 ? gatedSimplified.get(0).mul() : 0;
        int left2 = gatesOut.size() > 0 ? gatesOut.get(0).mul() : 0;
        while (b1 < gatedSimplified.size()) {
            int mul = Math.min(left1, left2);
            Irrep ir1 = gatedSimplified.get(b1).irrep();
            Parity p2 = gatesOut.get(b2).irrep().parity();
            out.add(new MulIrrep(mul, Irrep.of(ir1.l(), ir1.parity().times(p2))));
            left1 -= mul;
            left2 -= mul;
            if (left1 == 0 && ++b1 < gatedSimplified.size()) {
                left1 = gatedSimplified.get(b1).mul();
            }
            if (left2 == 0 && ++b2 < gatesOut.size()) {
                left2 = gatesOut.get(b2).mul();
            }
        }
        return Irreps.of(out);
    }

    /** The irreps after each block's activation: {@code 0e} stays, {@code 0o} follows the function's parity. */
    private static Irreps activated(String name, Irreps blocks, List<NormalizedActivation> acts) {
        List<MulIrrep> out = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            MulIrrep block = blocks.get(b);
            Parity p;
            try {
                p = acts.get(b).activation().outputParity(block.irrep().parity());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Gate: " + name + " block " + b + " (" + block + "): "
                        + e.getMessage(), e);
            }
            out.add(new MulIrrep(block.mul(), Irrep.of(0, p)));
        }
        return Irreps.of(out);
    }

    /**
     * Number of scalar channels (the first outputs).
     *
     * @return the count
     */
    public int scalarCount() {
        return scalarInput.length;
    }

    /**
     * Number of gates, which is the number of gated irrep copies.
     *
     * @return the count
     */
    public int gateCount() {
        return gateInput.length;
    }

    /**
     * Per scalar channel: its index in an input vector (its output index is the channel number).
     *
     * @return a new array, one index per scalar channel
     */
    public int[] scalarInput() {
        return scalarInput.clone();
    }

    /**
     * Per scalar channel: the {@link Activation} ordinal.
     *
     * @return a new array, one ordinal per scalar channel
     */
    public int[] scalarActivation() {
        return ordinals(scalarAct);
    }

    /**
     * Per scalar channel: the second-moment constant applied to its activation.
     *
     * @return a new array, one constant per scalar channel
     */
    public double[] scalarConstant() {
        return constants(scalarAct);
    }

    /**
     * Per gate: its index in an input vector.
     *
     * @return a new array, one index per gate
     */
    public int[] gateInput() {
        return gateInput.clone();
    }

    /**
     * Per gate: the {@link Activation} ordinal.
     *
     * @return a new array, one ordinal per gate
     */
    public int[] gateActivation() {
        return ordinals(gateAct);
    }

    /**
     * Per gate: the second-moment constant applied to its activation.
     *
     * @return a new array, one constant per gate
     */
    public double[] gateConstant() {
        return constants(gateAct);
    }

    /**
     * Per gated copy: start of its {@code 2l+1} components in an input vector.
     *
     * @return a new array, one offset per gated copy
     */
    public int[] gatedInput() {
        return gatedInput.clone();
    }

    /**
     * Per gated copy: start of its components in an output vector.
     *
     * @return a new array, one offset per gated copy
     */
    public int[] gatedOutput() {
        return gatedOutput.clone();
    }

    /**
     * Per gated copy: {@code 2l+1}.
     *
     * @return a new array, one dimension per gated copy
     */
    public int[] gatedDim() {
        return gatedDim.clone();
    }

    private static int[] ordinals(NormalizedActivation[] acts) {
        int[] out = new int[acts.length];
        for (int i = 0; i < acts.length; i++) {
            out[i] = acts[i].activation().ordinal();
        }
        return out;
    }

    private static double[] constants(NormalizedActivation[] acts) {
        double[] out = new double[acts.length];
        for (int i = 0; i < acts.length; i++) {
            out[i] = acts[i].constant();
        }
        return out;
    }
}
