package org.equikern.ops.tensorproduct.generated;

import java.util.List;
import org.equikern.device.DType;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan.Operand;
import org.equikern.tp.PlanPath;

/**
 * One path's share of each generated kernel, emitted inside a block of the kernel that has the
 * sample's rows (each in its operand's {@link OperandLayouts layout}) as pointers ({@code x1s},
 * {@code x2s}, {@code ws} for the weights, {@code gs} for the output gradient) and accumulators
 * {@code acc<component>} (or {@code acc}) declared.
 * Every operand a path reads is loaded once per channel pair into registers; every Clebsch–Gordan
 * nonzero is an immediate in an unrolled sum ({@link CgTerms}).
 */
final class PathCode {
    private final CodeWriter out;
    private final PlanPath path;
    private final CgTerms terms;
    private final PairWalk walk;
    private final OperandLayouts layouts;

    PathCode(CodeWriter out, PlanPath path, DType precision, OperandLayouts layouts) {
        this.out = out;
        this.path = path;
        this.layouts = layouts;
        this.terms = new CgTerms(path, precision);
        this.walk = new PairWalk(out, path);
    }

    /** Whether the path computes anything (no channel pairs or no nonzeros: it adds nothing). */
    static boolean contributes(PlanPath path) {
        return path.pairCount() > 0 && path.cgCount() > 0;
    }

    /** Forward: adds the path's products into output channel {@code o} to {@code acc<k>}. */
    void forward() {
        int mark = out.depth();
        out.line("/* " + path + " */");
        switch (path.mode().target()) {
            case MIXED: walk.all(); break;
            case FIRST: walk.withFirst("o"); break;
            case SECOND: walk.withSecond("o"); break;
            default: walk.at("o");
        }
        if (path.hasWeight()) out.line("const REAL f = ws[" + weightIndex("o") + "];");
        load(Operand.IN1, "x1s", "u");
        load(Operand.IN2, "x2s", "v");
        for (int k : terms.used(Operand.OUT)) accumulate("acc" + k, terms.sumFor(Operand.OUT, k));
        out.closeTo(mark);
    }

    /**
     * The gradient of input {@code fixed} (IN1 or IN2) at channel {@code ch}: adds to
     * {@code acc<component>} the output gradient pulled back through the path.
     */
    void inputGradient(Operand fixed) {
        int mark = out.depth();
        out.line("/* " + path + " */");
        if (fixed == Operand.IN1) walk.withFirst("ch"); else walk.withSecond("ch");
        pullBackOutputGradient();
        Operand other = fixed == Operand.IN1 ? Operand.IN2 : Operand.IN1;
        load(other, other == Operand.IN1 ? "x1s" : "x2s", other == Operand.IN1 ? "u" : "v");
        for (int c : terms.used(fixed)) out.line("acc" + c + " += " + terms.sumFor(fixed, c) + ";");
        out.closeTo(mark);
    }

    /**
     * The gradient of the path's weight {@code local} (its index within the path's block) summed
     * over the samples {@code [s0, s1)} into {@code acc}; {@code rows} emits the pointers
     * {@code x1s}, {@code x2s} and {@code gs} of sample {@code s}.
     */
    void weightGradient(String local, Runnable rows) {
        int mark = out.depth();
        out.line("/* " + path + " */");
        boolean mixed = path.mode().target() == Mode.Target.MIXED;
        walk.at(mixed ? "(" + local + ") / " + path.outMul() : local);
        if (mixed) out.line("const int o = " + local + " - p * " + path.outMul() + ";");
        String target = mixed ? "o" : PairWalk.target(path);
        out.open("for (INDEX s = s0; s < s1; ++s)");
        rows.run();
        load(Operand.IN1, "x1s", "u");
        load(Operand.IN2, "x2s", "v");
        load(Operand.OUT, "gs", target);
        out.line("acc += " + terms.total() + ";");
        out.closeTo(mark);
    }

    /**
     * The weight gradients of the pairs whose first channel is {@code ch}, for one edge or sample:
     * each weight's sum over its terms written once to {@code gws} (the gradient's row). A
     * term is a block that opens with its declarations (the operand rows it swaps for their
     * tangents, or nothing) and adds the path's products; a path without nonzeros writes zeros.
     */
    void ownedWeightGradients(List<String> termDeclarations) {
        int mark = out.depth();
        out.line("/* " + path + " */");
        walk.withFirst("ch");
        boolean mixed = path.mode().target() == Mode.Target.MIXED;
        if (mixed) {
            out.line("NO_UNROLL");
            out.open("for (int o = 0; o < " + path.outMul() + "; ++o)");
        }
        out.line("REAL t = 0;");
        if (path.cgCount() > 0) {
            for (String declarations : termDeclarations) {
                out.open("");
                if (!declarations.isEmpty()) out.line(declarations);
                load(Operand.IN1, "x1s", "u");
                load(Operand.IN2, "x2s", "v");
                load(Operand.OUT, "gs", mixed ? "o" : PairWalk.target(path));
                out.line("t += " + terms.total() + ";");
                out.close();
            }
        }
        out.line("gws[" + weightIndex(mixed ? "o" : null) + "] = t;");
        out.closeTo(mark);
    }

    /**
     * Registers {@code g<k>}: the output gradient that flows back to pair p, through its weight
     * (mixed modes sum it over every output channel o, non-mixing modes read their one target).
     */
    private void pullBackOutputGradient() {
        if (path.mode().target() == Mode.Target.MIXED) {
            for (int k : terms.used(Operand.OUT)) out.line("REAL " + CgTerms.register(Operand.OUT, k) + " = 0;");
            // unrolled, nvcc keeps every output channel's loads live: 239 registers instead of 32
            // for fctp_uvw_32's grad_x2 on sm_90
            out.line("NO_UNROLL");
            out.open("for (int o = 0; o < " + path.outMul() + "; ++o)");
            if (path.hasWeight()) out.line("const REAL f = ws[" + weightIndex("o") + "];");
            for (int k : terms.used(Operand.OUT)) {
                accumulate(CgTerms.register(Operand.OUT, k), "gs[" + row(Operand.OUT, "o", k) + "]");
            }
            out.close();
            return;
        }
        if (path.hasWeight()) out.line("const REAL f = ws[" + weightIndex(null) + "];");
        for (int k : terms.used(Operand.OUT)) {
            String value = "gs[" + row(Operand.OUT, PairWalk.target(path), k) + "]";
            out.line("const REAL " + CgTerms.register(Operand.OUT, k) + " = " + (path.hasWeight() ? "f * " : "")
                    + value + ";");
        }
    }

    /** {@code name += [f *] value}: weighted paths scale by the weight register {@code f}. */
    private void accumulate(String name, String value) {
        out.line(name + " += " + (path.hasWeight() ? "f * (" + value + ")" : value) + ";");
    }

    /** The registers of {@code operand}'s components that a nonzero reads, at channel {@code channel}. */
    private void load(Operand operand, String pointer, String channel) {
        for (int c : terms.used(operand)) {
            out.line("const REAL " + CgTerms.register(operand, c) + " = " + pointer + "[" + row(operand, channel, c)
                    + "];");
        }
    }

    /**
     * Offset of component {@code c} of channel {@code channel} of the path's block of
     * {@code operand}, in that operand's layout.
     */
    private String row(Operand operand, String channel, int c) {
        switch (operand) {
            case IN1: return layouts.index(operand, path.in1Offset(), path.in1Mul(), path.in1Irrep().dim(), channel, c);
            case IN2: return layouts.index(operand, path.in2Offset(), path.in2Mul(), path.in2Irrep().dim(), channel, c);
            default: return layouts.index(operand, path.outOffset(), path.outMul(), path.outIrrep().dim(), channel, c);
        }
    }

    /** The weight of pair p (and output channel {@code channel} in mixed modes). */
    private String weightIndex(String channel) {
        return path.mode().target() == Mode.Target.MIXED
                ? path.weightOffset() + " + p * " + path.outMul() + " + " + channel
                : path.weightOffset() + " + p";
    }
}
