package org.equikern.ops.tensorproduct.generated;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.equikern.device.DType;
import org.equikern.tp.Plan.Operand;
import org.equikern.tp.PlanPath;

/**
 * A path's Clebsch–Gordan nonzeros as unrolled C: every nonzero {@code (i, j, k, C)} one product
 * of its literal with the registers {@code a<i>} (x1 components), {@code b<j>} (x2) and
 * {@code g<k>} (output side: output gradients), grouped by the component the sum is for.
 */
final class CgTerms {
    private final PlanPath path;
    private final DType precision;

    CgTerms(PlanPath path, DType precision) {
        this.path = path;
        this.precision = precision;
    }

    /** The components of {@code operand} that some nonzero reads: the registers worth loading. */
    SortedSet<Integer> used(Operand operand) {
        SortedSet<Integer> used = new TreeSet<>();
        for (int n = 0; n < path.cgCount(); n++) used.add(component(operand, n));
        return used;
    }

    /**
     * The sum over the nonzeros whose {@code fixed} component is {@code component} of the literal
     * times the registers of the other two operands, or null when there is none.
     */
    String sumFor(Operand fixed, int component) {
        List<String> terms = new ArrayList<>();
        for (int n = 0; n < path.cgCount(); n++) {
            if (component(fixed, n) != component) continue;
            StringBuilder term = new StringBuilder(CLiteral.real(path.cgValue(n), precision));
            for (Operand other : Operand.values()) {
                if (other != fixed) term.append(" * ").append(register(other, component(other, n)));
            }
            terms.add(term.toString());
        }
        return terms.isEmpty() ? null : String.join(" + ", terms);
    }

    /** The sum over every nonzero of the literal times all three registers (a weight gradient). */
    String total() {
        List<String> terms = new ArrayList<>();
        for (int n = 0; n < path.cgCount(); n++) {
            terms.add(CLiteral.real(path.cgValue(n), precision) + " * " + register(Operand.IN1, path.cgI(n)) + " * "
                    + register(Operand.IN2, path.cgJ(n)) + " * " + register(Operand.OUT, path.cgK(n)));
        }
        return String.join(" + ", terms);
    }

    /** The register holding component {@code component} of {@code operand}. */
    static String register(Operand operand, int component) {
        switch (operand) {
            case IN1: return "a" + component;
            case IN2: return "b" + component;
            default: return "g" + component;
        }
    }

    private int component(Operand operand, int n) {
        switch (operand) {
            case IN1: return path.cgI(n);
            case IN2: return path.cgJ(n);
            default: return path.cgK(n);
        }
    }
}
