package org.equikern.tp;

import org.equikern.check.HostArguments;

import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * Rejects instructions e3nn would reject, each message naming the instruction's index and tuple.
 * Multiplicity and weight requirements are checked only for paths that compute something (no
 * zero multiplicity, no zero in {@code path_shape}), because e3nn skips empty paths before it
 * asserts them.
 */
final class InstructionChecks {
    private InstructionChecks() {
    }

    static void check(Irreps in1, Irreps in2, Irreps out, List<Instruction> instructions) {
        for (int n = 0; n < instructions.size(); n++) {
            Instruction ins = instructions.get(n);
            String problem = problem(in1, in2, out, ins);
            if (problem != null) {
                throw new IllegalArgumentException("instruction " + n + " " + ins + ": " + problem);
            }
        }
    }

    private static String problem(Irreps in1, Irreps in2, Irreps out, Instruction ins) {
        String range = outOfRange("i_in1", ins.in1(), "irreps_in1", in1);
        if (range == null) range = outOfRange("i_in2", ins.in2(), "irreps_in2", in2);
        if (range == null) range = outOfRange("i_out", ins.out(), "irreps_out", out);
        if (range != null) return range;
        if (!Double.isFinite(ins.pathWeight()) || ins.pathWeight() < 0) {
            return "path_weight must be finite and >= 0, got " + ins.pathWeight();
        }
        MulIrrep a = in1.get(ins.in1());
        MulIrrep b = in2.get(ins.in2());
        MulIrrep c = out.get(ins.out());
        String selection = selectionProblem(a.irrep(), b.irrep(), c.irrep());
        if (selection != null) return selection;
        if (isEmpty(ins.mode(), a.mul(), b.mul(), c.mul())) return null;
        String mul = ins.mode().multiplicityProblem(a.mul(), b.mul(), c.mul());
        if (mul != null) return mul + " (blocks " + a + ", " + b + " -> " + c + ")";
        long size = ins.mode().pathSize(a.mul(), b.mul(), c.mul());
        if (size > HostArguments.MAX_ARRAY_LENGTH) {
            return "path of " + size + " weights (mode " + ins.mode().text() + ", blocks " + a + ", " + b + " -> " + c
                    + "), above the limit " + HostArguments.MAX_ARRAY_LENGTH + " (one Java array)";
        }
        return ins.hasWeight() ? null : ins.mode().unweightedProblem(c.mul());
    }

    /** Whether the path has nothing to compute: a zero multiplicity or a zero in its path_shape. */
    static boolean isEmpty(Mode mode, int mul1, int mul2, int mulOut) {
        return mul1 == 0 || mul2 == 0 || mulOut == 0 || mode.pathSize(mul1, mul2, mulOut) == 0;
    }

    private static String outOfRange(String field, int index, String name, Irreps irreps) {
        if (index >= 0 && index < irreps.size()) return null;
        return field + " = " + index + " is out of range: " + name + " \"" + irreps + "\" has " + irreps.size()
                + " blocks";
    }

    private static String selectionProblem(Irrep a, Irrep b, Irrep c) {
        if (c.l() < Math.abs(a.l() - b.l()) || c.l() > a.l() + b.l()) {
            return a + " x " + b + " cannot produce " + c + ": needs |l1-l2| <= l_out <= l1+l2";
        }
        if (a.parity().times(b.parity()) != c.parity()) {
            return a + " x " + b + " cannot produce " + c + ": parity of the product is "
                    + a.parity().times(b.parity()).letter();
        }
        return null;
    }
}
