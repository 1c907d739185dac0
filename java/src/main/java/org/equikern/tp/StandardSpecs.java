package org.equikern.tp;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/** The instruction lists of e3nn's named tensor products (e3nn/o3/_tensor_product/_sub.py). */
final class StandardSpecs {
    private StandardSpecs() {
    }

    static TensorProductSpec.Builder fullyConnected(Irreps in1, Irreps in2, Irreps out) {
        TensorProductSpec.Builder b = TensorProductSpec.builder(in1, in2, out);
        for (int i1 = 0; i1 < in1.size(); i1++) {
            for (int i2 = 0; i2 < in2.size(); i2++) {
                for (int o = 0; o < out.size(); o++) {
                    if (in1.get(i1).irrep().couplesTo(in2.get(i2).irrep(), out.get(o).irrep())) {
                        b.instruction(Instruction.of(i1, i2, o, Mode.UVW, true));
                    }
                }
            }
        }
        return b;
    }

    static TensorProductSpec.Builder channelWise(Irreps in1, Irreps in2, Irreps out) {
        TensorProductSpec.Builder b = TensorProductSpec.builder(in1, in2, out).sharedWeights(false);
        for (int i1 = 0; i1 < in1.size(); i1++) {
            for (int i2 = 0; i2 < in2.size(); i2++) {
                for (int o = 0; o < out.size(); o++) {
                    if (in1.get(i1).irrep().couplesTo(in2.get(i2).irrep(), out.get(o).irrep())
                            && out.get(o).mul() == in1.get(i1).mul()) {
                        b.instruction(Instruction.of(i1, i2, o, Mode.UVU, true));
                    }
                }
            }
        }
        return b;
    }

    static TensorProductSpec.Builder elementwise(Irreps irreps1, Irreps irreps2) {
        List<MulIrrep> in1 = new ArrayList<>(irreps1.simplify().blocks());
        List<MulIrrep> in2 = new ArrayList<>(irreps2.simplify().blocks());
        if (irreps1.numIrreps() != irreps2.numIrreps()) {
            throw new IllegalArgumentException("elementwise tensor product needs the same number of irreps in both"
                    + " inputs, got " + irreps1.numIrreps() + " in \"" + irreps1 + "\" and " + irreps2.numIrreps()
                    + " in \"" + irreps2 + "\"");
        }
        // Split blocks until both lists pair up with equal multiplicities, as e3nn does.
        for (int i = 0; i < in1.size(); i++) {
            MulIrrep a = in1.get(i);
            MulIrrep b = in2.get(i);
            if (a.mul() < b.mul()) {
                in2.set(i, new MulIrrep(a.mul(), b.irrep()));
                in2.add(i + 1, new MulIrrep(b.mul() - a.mul(), b.irrep()));
            } else if (b.mul() < a.mul()) {
                in1.set(i, new MulIrrep(b.mul(), a.irrep()));
                in1.add(i + 1, new MulIrrep(a.mul() - b.mul(), a.irrep()));
            }
        }
        List<MulIrrep> out = new ArrayList<>();
        List<Instruction> instructions = new ArrayList<>();
        for (int i = 0; i < in1.size(); i++) {
            for (Irrep ir : in1.get(i).irrep().times(in2.get(i).irrep())) {
                instructions.add(Instruction.of(i, i, out.size(), Mode.UUU, false));
                out.add(new MulIrrep(in1.get(i).mul(), ir));
            }
        }
        return TensorProductSpec.builder(Irreps.of(in1), Irreps.of(in2), Irreps.of(out)).instructions(instructions);
    }

    static TensorProductSpec.Builder fullTensorProduct(Irreps irreps1, Irreps irreps2) {
        Irreps in1 = irreps1.simplify();
        Irreps in2 = irreps2.simplify();
        List<MulIrrep> out = new ArrayList<>();
        List<Instruction> instructions = new ArrayList<>();
        for (int i1 = 0; i1 < in1.size(); i1++) {
            for (int i2 = 0; i2 < in2.size(); i2++) {
                for (Irrep ir : in1.get(i1).irrep().times(in2.get(i2).irrep())) {
                    instructions.add(Instruction.of(i1, i2, out.size(), Mode.UVUV, false));
                    out.add(new MulIrrep(in1.get(i1).mul() * in2.get(i2).mul(), ir));
                }
            }
        }
        return sortedOutput(in1, in2, out, instructions);
    }

    static TensorProductSpec.Builder tensorSquare(Irreps irreps, IrrepNormalization normalization) {
        Irreps in = irreps.simplify();
        List<MulIrrep> out = new ArrayList<>();
        List<Instruction> instructions = new ArrayList<>();
        for (int i1 = 0; i1 < in.size(); i1++) {
            for (int i2 = 0; i2 < in.size(); i2++) {
                MulIrrep a = in.get(i1);
                MulIrrep b = in.get(i2);
                for (Irrep ir : a.irrep().times(b.irrep())) {
                    double alpha = normalization.alpha(a.irrep().dim(), b.irrep().dim(), ir.dim());
                    if (i1 < i2) {
                        instructions.add(Instruction.of(i1, i2, out.size(), Mode.UVUV, false, alpha));
                        out.add(new MulIrrep(a.mul() * b.mul(), ir));
                    } else if (i1 == i2) {
                        int mul = a.mul();
                        if (mul > 1) {
                            instructions.add(Instruction.of(i1, i1, out.size(), Mode.UVU_LT_V, false, alpha));
                            out.add(new MulIrrep(mul * (mul - 1) / 2, ir));
                        }
                        // x_u ⊗ x_u is symmetric, so only even l survive; e3nn renormalizes that part.
                        if (ir.l() % 2 == 0) {
                            double symmetric = symmetricAlpha(normalization, a.irrep().dim(), ir);
                            instructions.add(Instruction.of(i1, i1, out.size(), Mode.UUU, false, symmetric));
                            out.add(new MulIrrep(mul, ir));
                        }
                    }
                }
            }
        }
        return sortedOutput(in, in, out, instructions).irrepNormalization(IrrepNormalization.NONE);
    }

    /** e3nn's alpha for the diagonal {@code uuu} part of a tensor square (from its _sub.py). */
    private static double symmetricAlpha(IrrepNormalization normalization, int dimIn, Irrep out) {
        switch (normalization) {
            case COMPONENT:
                return out.l() == 0 ? (double) out.dim() / (dimIn + 2) : out.dim() / 2.0;
            case NORM:
                return out.l() == 0 ? (double) out.dim() * dimIn : dimIn * (dimIn + 2) / 2.0;
            default:
                return 1;
        }
    }

    /** Sorts the output irreps and points every instruction at its block's new position, as e3nn. */
    private static TensorProductSpec.Builder sortedOutput(Irreps in1, Irreps in2, List<MulIrrep> out,
                                                          List<Instruction> instructions) {
        Irreps.Sorted sorted = Irreps.of(out).sort();
        int[] newIndex = sorted.permutation();
        TensorProductSpec.Builder b = TensorProductSpec.builder(in1, in2, sorted.irreps());
        for (Instruction i : instructions) {
            b.instruction(Instruction.of(i.in1(), i.in2(), newIndex[i.out()], i.mode(), i.hasWeight(), i.pathWeight()));
        }
        return b;
    }
}
