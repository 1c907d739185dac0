package org.equikern.ops.tensorproduct.generated;

import org.equikern.tp.Mode;
import org.equikern.tp.PlanPath;

/**
 * Emits the loops over a path's channel pairs (u, v) in its mode's pair set ({@link Mode.Pairs}),
 * leaving {@code u}, {@code v} and the pair index {@code p} (e3nn's row-major order, the weight
 * row) defined in the innermost scope. The bounds are the path's multiplicities, so every loop
 * has constant trip counts the compiler may unroll. The caller closes the scopes with
 * {@link CodeWriter#closeTo}.
 */
final class PairWalk {
    private final CodeWriter out;
    private final PlanPath path;

    PairWalk(CodeWriter out, PlanPath path) {
        this.out = out;
        this.path = path;
    }

    /** Every pair. */
    void all() {
        out.open("for (int u = 0; u < " + path.in1Mul() + "; ++u)");
        withU();
    }

    /** The pairs whose first channel is {@code channel}. */
    void withFirst(String channel) {
        out.open("");
        out.line("const int u = " + channel + ";");
        withU();
    }

    /** The pairs whose second channel is {@code channel}. */
    void withSecond(String channel) {
        out.open("");
        out.line("const int v = " + channel + ";");
        switch (path.mode().pairs()) {
            case ALL: out.open("for (int u = 0; u < " + path.in1Mul() + "; ++u)"); break;
            case DIAGONAL: out.line("const int u = v;"); break;
            default: out.open("for (int u = 0; u < v; ++u)");
        }
        definePairIndex();
    }

    /** The one pair with index {@code index}. */
    void at(String index) {
        out.open("");
        out.line("const int p = " + index + ";");
        int m2 = path.in2Mul();
        switch (path.mode().pairs()) {
            case ALL:
                out.line("const int u = p / " + m2 + ";");
                out.line("const int v = p - u * " + m2 + ";");
                break;
            case DIAGONAL:
                out.line("const int u = p;");
                out.line("const int v = p;");
                break;
            default:
                // row u of the upper triangle holds m - 1 - u pairs
                out.line("int u = 0;");
                out.line("int r = p;");
                out.open("while (r >= " + (m2 - 1) + " - u)");
                out.line("r -= " + (m2 - 1) + " - u;");
                out.line("++u;");
                out.close();
                out.line("const int v = u + 1 + r;");
        }
    }

    /** Loops v for the u already defined, then defines p. */
    private void withU() {
        switch (path.mode().pairs()) {
            case ALL: out.open("for (int v = 0; v < " + path.in2Mul() + "; ++v)"); break;
            case DIAGONAL: out.line("const int v = u;"); break;
            default: out.open("for (int v = u + 1; v < " + path.in2Mul() + "; ++v)");
        }
        definePairIndex();
    }

    private void definePairIndex() {
        int m = path.in2Mul();
        switch (path.mode().pairs()) {
            case ALL: out.line("const int p = u * " + m + " + v;"); break;
            case DIAGONAL: out.line("const int p = u;"); break;
            default: out.line("const int p = u * " + m + " - u * (u + 1) / 2 + (v - u - 1);");
        }
    }

    /** The output channel the pair's product goes to, for modes that do not mix (u, v or p). */
    static String target(PlanPath path) {
        switch (path.mode().target()) {
            case FIRST: return "u";
            case SECOND: return "v";
            case PAIR: return "p";
            default: throw new IllegalArgumentException("mode " + path.mode() + " mixes pairs into every channel");
        }
    }
}
